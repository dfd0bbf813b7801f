package io.camelitwin.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelitwin.emulator.DemoData;
import io.camelitwin.testing.Await;
import io.camelitwin.testing.SecretsLedger;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The application started with a wrong client secret: it stays up (no crash loop for an orchestrator to restart),
 * says what is wrong once, stays ready (the credentials are the platform's condition, not this replica's: readiness
 * would take every replica out of service at once) with its platform health group down, and asks the token endpoint only as often as the token
 * provider's back-off allows (1 s doubling), however often the routes and health probes want a token.
 */
class WrongClientSecretIT extends ReliabilityTestSupport {

    private static final String WRONG_SECRET = "not-the-demo-secret-" + Long.toHexString(System.nanoTime());
    private static final Duration OBSERVED = Duration.ofSeconds(20);

    static {
        SecretsLedger.record(WRONG_SECRET);
    }

    @Test
    void oneClearErrorHealthDownNoCrashLoopAndNoStormOfTokenRequests() throws Exception {
        ApplicationProcess application = application("wrong-secret")
                .env("ITWIN_CLIENT_SECRET", WRONG_SECRET)
                .start();
        long started = System.nanoTime();
        // ready once started, the refusal notwithstanding; and ready it stays
        Await.until("ready", OBSERVED, application::ready);

        int probes = 0;
        while (System.nanoTime() - started < OBSERVED.toNanos()) {
            assertThat(application.isAlive()).as("still running").isTrue();
            assertThat(application.health("live").statusCode()).as("alive").isEqualTo(200);
            assertThat(application.health("ready").statusCode()).as("ready").isEqualTo(200);
            assertThat(application.health("group/platform").statusCode())
                    .as("the platform group")
                    .isEqualTo(503);
            probes++;
            Thread.sleep(250);
        }
        double seconds = (System.nanoTime() - started) / 1e9;

        assertThat(application.health("group/platform").body()).contains("invalid_client");
        assertThat(application.health("ready").body()).doesNotContain("invalid_client");
        // refusals at 0, 1, 3, 7, 15 ... s: at most log2(t + 1) + 1 requests by time t, whatever asked for a token
        long allowed = (long) Math.floor(Math.log(seconds + 1) / Math.log(2)) + 1;
        assertThat(emulator.tokenRequestCount(DemoData.DEMO_CLIENT_ID))
                .as("token requests in %.1f s while %d readiness probes asked", seconds, probes)
                .isPositive()
                .isLessThanOrEqualTo(allowed);
        String log = application.logText();
        assertThat(Pattern.compile("^.*ERROR.*refused: HTTP 401 invalid_client.*$", Pattern.MULTILINE)
                        .matcher(log)
                        .results()
                        .count())
                .as("error lines about the refused credentials")
                .isEqualTo(1);
        assertThat(log).doesNotContain(WRONG_SECRET);
    }
}
