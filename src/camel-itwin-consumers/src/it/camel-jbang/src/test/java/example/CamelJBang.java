package example;

import org.apache.camel.dsl.jbang.core.commands.CamelJBangMain;

/** The `camel` command, as the jbang launcher starts it. */
public final class CamelJBang {

    public static void main(String[] args) {
        CamelJBangMain.run(args);
    }
}
