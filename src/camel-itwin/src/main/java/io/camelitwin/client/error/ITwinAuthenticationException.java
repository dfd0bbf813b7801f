package io.camelitwin.client.error;

/**
 * The identity could not be established: the token endpoint refused the client credentials, or the platform still
 * answered 401 after one token renewal. Its message never contains a token or secret.
 */
public class ITwinAuthenticationException extends ITwinApiException {

    public ITwinAuthenticationException(int statusCode, String code, String message) {
        super(statusCode, code, message, null, null);
    }
}
