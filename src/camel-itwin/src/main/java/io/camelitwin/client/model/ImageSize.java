package io.camelitwin.client.model;

import io.camelitwin.client.error.ITwinValidationException;
import java.util.Locale;

/** The two renditions the platform keeps of an iTwin image or an iModel thumbnail. */
public enum ImageSize {
    SMALL,
    LARGE;

    /** The value of the {@code size} query parameter. */
    public String queryValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads {@code small} or {@code large}, in any case. */
    public static ImageSize parse(String value) {
        if (value != null) {
            for (ImageSize size : values()) {
                if (size.name().equalsIgnoreCase(value.trim())) {
                    return size;
                }
            }
        }
        throw new ITwinValidationException("size", "size must be 'small' or 'large', was '" + value + "'");
    }
}
