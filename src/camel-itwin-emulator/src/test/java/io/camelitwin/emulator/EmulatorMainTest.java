package io.camelitwin.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EmulatorMainTest {

    @Test
    void helpListsTheOptions() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            EmulatorMain.main(new String[] {"--help"});
        } finally {
            System.setOut(original);
        }

        assertThat(captured.toString(StandardCharsets.UTF_8))
                .contains("--port", "--seed", "--per-minute", "--per-hour", "--itwins", "--data-dir");
    }
}
