package io.camelitwin.app.config;

import org.eclipse.microprofile.config.spi.Converter;

/** Reads {@code itwin.platform} as written by hand: any case, blanks around it ignored. */
public class PlatformChoice implements Converter<AppSettings.Platform> {
    @Override
    public AppSettings.Platform convert(String value) {
        String chosen = value.trim();
        for (AppSettings.Platform candidate : AppSettings.Platform.values()) {
            if (candidate.name().equalsIgnoreCase(chosen)) {
                return candidate;
            }
        }
        throw refusal(chosen);
    }

    /** The refusal of a value that is none of the choices, or of none at all. */
    public static IllegalArgumentException refusal(String chosen) {
        return new IllegalArgumentException("Set itwin.platform (ITWIN_PLATFORM) to bentley, for the iTwin Platform"
                + " with ITWIN_CLIENT_ID and ITWIN_CLIENT_SECRET, or to emulator, for the embedded emulator; was '"
                + chosen + "'");
    }
}
