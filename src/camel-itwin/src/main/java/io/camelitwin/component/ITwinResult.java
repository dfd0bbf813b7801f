package io.camelitwin.component;

import java.util.Map;

/**
 * What an operation produced, applied to the message in one place by the producer.
 *
 * @param replacesBody false for operations whose answer is only headers (the message body is left as it was)
 */
record ITwinResult(boolean replacesBody, Object body, Map<String, Object> headers) {

    static ITwinResult body(Object body, Map<String, Object> headers) {
        return new ITwinResult(true, body, headers);
    }

    static ITwinResult headersOnly(Map<String, Object> headers) {
        return new ITwinResult(false, null, headers);
    }
}
