package io.camelitwin.emulator;

import java.io.IOException;
import java.util.regex.Pattern;

/**
 * One API operation: its method and path, and the names the rate-limit headers report for it.
 *
 * @param api       {@code itwins} or {@code imodels}
 * @param operation the operation name reported in {@code ITwinPlatform-RateLimited-Operation}
 */
record Route(String method, Pattern path, String api, String operation, Handler handler) {

    @FunctionalInterface
    interface Handler {
        void handle(ApiExchange call) throws IOException;
    }

    static Route of(String method, String pathRegex, String api, String operation, Handler handler) {
        return new Route(method, Pattern.compile(pathRegex), api, operation, handler);
    }

    /** Upload operations answer a 429 with {@code TooManyRequests}, the others with {@code RateLimitExceeded}. */
    boolean isUpload() {
        return "PUT".equals(method);
    }
}
