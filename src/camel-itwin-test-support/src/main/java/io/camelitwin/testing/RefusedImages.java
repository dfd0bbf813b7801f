package io.camelitwin.testing;

import java.util.Arrays;
import java.util.List;

/**
 * Images that every route must refuse before sending anything, each declared as a PNG (by its name or its content
 * type), with what the refusal reason must mention.
 */
public final class RefusedImages {

    /** One refused image: a label to name it by, its bytes, and a piece of the reason it must be refused with. */
    public record Refused(String label, byte[] bytes, String reasonMentions) {}

    private RefusedImages() {}

    public static List<Refused> all() {
        return List.of(
                new Refused("gif", TestImages.gif(40, 30), "PNG"),
                new Refused("empty", new byte[0], "empty"),
                new Refused("over-5-mb", Arrays.copyOf(TestImages.png(40, 30), 5 * 1024 * 1024 + 1), "5242880"),
                new Refused("six-to-one", TestImages.png(600, 100), "600x100"),
                new Refused("jpeg-named-png", TestImages.jpeg(40, 30), "image/png"));
    }
}
