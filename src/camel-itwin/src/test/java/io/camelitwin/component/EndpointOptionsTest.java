package io.camelitwin.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camelitwin.client.model.ImageSize;
import io.camelitwin.emulator.DemoData;
import io.camelitwin.testing.EmulatorCamelTestSupport;
import org.apache.camel.FailedToCreateRouteException;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A mistyped option fails the endpoint when it is created, naming the option, before any message or request. */
class EndpointOptionsTest extends EmulatorCamelTestSupport {

    @AfterEach
    void nothingReachedThePlatform() {
        assertThat(emulator().requests()).isEmpty();
        assertThat(emulator().tokenRequestCount(DemoData.DEMO_CLIENT_ID)).isZero();
    }

    @Test
    void anUnknownSizeFailsTheEndpoint() {
        assertRefused("itwin:downloadImage?size=medium", "size");
    }

    @Test
    void theSizeIsTypedAndReadInAnyCase() {
        ITwinEndpoint endpoint = context.getEndpoint("itwin:downloadImage?size=LARGE", ITwinEndpoint.class);

        assertThat(endpoint.getConfiguration().getSize()).isEqualTo(ImageSize.LARGE);
    }

    @Test
    void aPageSizeOutsideThePlatformsRangeFailsTheEndpoint() {
        assertRefused("itwin:listITwins?pageSize=0", "pageSize");
        assertRefused("itwin:imageChanges?pageSize=1001", "pageSize");
    }

    @Test
    void anITwinIdsEntryThatIsNotAGuidFailsTheEndpoint() {
        assertRefused("itwin:imageChanges?iTwinIds=" + DemoData.ITWIN_PLAIN + ",not-a-guid", "iTwinIds");
    }

    @Test
    void idOptionsThatAreNotGuidsFailTheEndpoint() {
        assertRefused("itwin:getImage?iTwinId=12345", "iTwinId");
        assertRefused("itwin:getThumbnail?iModelId=12345", "iModelId");
    }

    @Test
    void aNegativeRetryBoundFailsTheEndpoint() {
        assertRefused("itwin:imageChanges?rateLimitRetriesPerPoll=-1", "rateLimitRetriesPerPoll");
    }

    @Test
    void theClientsOwnSettingsAreComponentOptionsOnly() {
        // one client serves every endpoint of an identity: an endpoint cannot have a timeout or a rate limit of its own
        assertRefused("itwin:getImage?requestTimeout=5000", "requestTimeout");
        assertRefused("itwin:getImage?requestsPerMinute=100", "requestsPerMinute");
    }

    @Test
    void aRouteWithAMistypedOptionDoesNotStart() {
        assertThatThrownBy(() -> context.addRoutes(new RouteBuilder() {
                    @Override
                    public void configure() {
                        from("direct:inventory").to("itwin:listITwins?pageSize=5000");
                    }
                }))
                .isInstanceOf(FailedToCreateRouteException.class)
                .hasStackTraceContaining("pageSize must be between 1 and 1000, was 5000");
    }

    @Test
    void validOptionsAreAccepted() {
        ITwinEndpoint endpoint = context.getEndpoint(
                "itwin:imageChanges?pageSize=500&iTwinIds=" + DemoData.ITWIN_PLAIN + ", " + DemoData.ITWIN_SPARE,
                ITwinEndpoint.class);

        assertThat(endpoint.getConfiguration().watchedITwinIds())
                .containsExactly(DemoData.ITWIN_PLAIN, DemoData.ITWIN_SPARE);
    }

    private void assertRefused(String uri, String option) {
        assertThatThrownBy(() -> context.getEndpoint(uri))
                .isInstanceOf(ResolveEndpointFailedException.class)
                .hasMessageContaining(option);
    }
}
