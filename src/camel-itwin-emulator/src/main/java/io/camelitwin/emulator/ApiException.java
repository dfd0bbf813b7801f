package io.camelitwin.emulator;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** A failure of an API call, answered with the platform's error envelope. */
final class ApiException extends RuntimeException {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record InnerError(String code) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Detail(String code, String message, String target, InnerError innerError) {
        static Detail of(String code, String message, String target) {
            return new Detail(code, message, target, null);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ErrorBody(String code, String message, String target, List<Detail> details) {}

    private final int status;
    private final ErrorBody error;

    ApiException(int status, String code, String message, List<Detail> details) {
        super(code, null, false, false);
        this.status = status;
        this.error =
                new ErrorBody(code, message, null, details == null || details.isEmpty() ? null : List.copyOf(details));
    }

    int status() {
        return status;
    }

    Map<String, ErrorBody> envelope() {
        return Map.of("error", error);
    }
}
