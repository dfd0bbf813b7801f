package io.camelitwin.component;

import static io.camelitwin.emulator.DemoData.DEMO_CLIENT_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camelitwin.client.ITwinPlatformClient;
import io.camelitwin.client.error.ITwinAuthenticationException;
import io.camelitwin.client.error.ITwinRateLimitException;
import io.camelitwin.emulator.DemoData;
import io.camelitwin.emulator.FaultSettings;
import io.camelitwin.testing.EmulatorCamelTestSupport;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

/** The token and the rate budget belong to the OAuth identity: endpoints that differ in anything else share them. */
class SharedClientTest extends EmulatorCamelTestSupport {

    private static final String TUNED_ONE_WAY =
            "itwin:getImage?maxRetryAfter=1000&iTwinId=" + DemoData.ITWIN_WITH_IMAGE;
    private static final String TUNED_ANOTHER =
            "itwin:getImage?maxRetryAfter=2000&size=large&iTwinId=" + DemoData.ITWIN_WITH_IMAGE;

    @Test
    void endpointsThatDifferOnlyInTuningMakeOneTokenRequestAndShareOneBudget() {
        emulator().faults(FaultSettings.NONE.withThrottle(1.0, 1));
        Exchange limited = template.send(TUNED_ONE_WAY, exchange -> {});
        emulator().faults(FaultSettings.NONE);

        Exchange next = template.send(TUNED_ANOTHER, exchange -> {});

        assertThat(limited.getException()).isInstanceOf(ITwinRateLimitException.class);
        assertThat(next.getException()).isNull();
        assertThat(emulator().tokenRequestCount(DEMO_CLIENT_ID)).isEqualTo(1);
        // one budget: the 429 that the first endpoint got paused the second one until its Retry-After had passed
        assertThat(emulator().earlyRequestCount(DEMO_CLIENT_ID)).isZero();
        assertThat(endpoint(TUNED_ONE_WAY).getClient())
                .isSameAs(endpoint(TUNED_ANOTHER).getClient());
    }

    @Test
    void anotherOAuthClientGetsItsOwnClient() {
        String other = "itwin:getImage?clientId=" + DemoData.OTHER_CLIENT_ID + "&clientSecret=RAW("
                + DemoData.OTHER_CLIENT_SECRET + ")&iTwinId=" + DemoData.ITWIN_SHARED;

        template.send(TUNED_ONE_WAY, exchange -> {});
        template.send(other, exchange -> {});

        assertThat(endpoint(other).getClient())
                .isNotSameAs(endpoint(TUNED_ONE_WAY).getClient());
        assertThat(emulator().tokenRequestCount(DEMO_CLIENT_ID)).isEqualTo(1);
        assertThat(emulator().tokenRequestCount(DemoData.OTHER_CLIENT_ID)).isEqualTo(1);
    }

    @Test
    void aRestartedComponentBuildsItsClientsAgainForEndpointsThatKeptRunning() throws Exception {
        ITwinEndpoint endpoint = endpoint(TUNED_ONE_WAY);
        ITwinPlatformClient before = endpoint.getClient();

        // the component closes its clients when it stops; an endpoint holds none of its own to go on using
        ITwinComponent component = context.getComponent("itwin", ITwinComponent.class);
        component.stop();
        component.start();
        Exchange after = template.send(TUNED_ONE_WAY, exchange -> {});

        assertThat(endpoint.getClient()).isNotSameAs(before);
        assertThat(after.getException()).isNull();
    }

    @Test
    void theComponentsOwnClientIsTheOneItsEndpointsShareAndChecksCredentialsWithTheirToken() {
        ITwinComponent component = context.getComponent("itwin", ITwinComponent.class);
        template.send(TUNED_ONE_WAY, exchange -> {});

        component.defaultClient().checkCredentials();

        assertThat(component.defaultClient()).isSameAs(endpoint(TUNED_ONE_WAY).getClient());
        // the check got the cached token: no second token request, no API call
        assertThat(emulator().tokenRequestCount(DEMO_CLIENT_ID)).isEqualTo(1);
    }

    @Test
    void theComponentsOwnClientIsRefusedUnlessTheComponentIsStartedAndItsCredentialsWhenTheyAreWrong() {
        ITwinComponent stopped = new ITwinComponent();
        assertThatThrownBy(stopped::defaultClient)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("The itwin component is not started");

        ITwinComponent wrongSecret = context.getComponent("itwin", ITwinComponent.class);
        wrongSecret.stop();
        assertThatThrownBy(wrongSecret::defaultClient).isInstanceOf(IllegalStateException.class);
        wrongSecret.getConfiguration().setClientSecret("not-the-secret");
        wrongSecret.start();

        assertThatThrownBy(() -> wrongSecret.defaultClient().checkCredentials())
                .isInstanceOf(ITwinAuthenticationException.class)
                .hasMessageNotContaining("not-the-secret");
    }

    private ITwinEndpoint endpoint(String uri) {
        return context.getEndpoint(uri, ITwinEndpoint.class);
    }
}
