package io.camelitwin.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelitwin.emulator.DemoData;
import io.camelitwin.emulator.FaultSettings;
import io.camelitwin.emulator.RecordedRequest;
import io.camelitwin.testing.Await;
import io.camelitwin.testing.DeadLetters;
import io.camelitwin.testing.TestImages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Refusals are final: the file goes to the dead letter with its reason, after one attempt at most. */
class FolderUploadDeadLetterTest extends FolderUploadTestSupport {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @Test
    void imageRefusedByValidationIsDeadLetteredWithoutAnyRequest() throws Exception {
        // a GIF under a .png name: the client refuses it before sending anything
        drop(DemoData.ITWIN_PLAIN, TestImages.gif(40, 30));
        startFolderRoute();

        Path reason = awaitDeadLetter(fileOf(DemoData.ITWIN_PLAIN));

        assertThat(Files.readString(reason, StandardCharsets.UTF_8)).startsWith("ITwinValidationException");
        assertThat(emulator().requests(DemoData.DEMO_CLIENT_ID)).isEmpty();
    }

    @Test
    void imageRefusedByThePlatformIsDeadLetteredAfterOneRequest() throws Exception {
        String unknownITwin = "00000000-0000-4000-8000-00000000dead";
        drop(unknownITwin, TestImages.png(40, 30));
        startFolderRoute();

        Path reason = awaitDeadLetter(fileOf(unknownITwin));

        assertThat(Files.readString(reason, StandardCharsets.UTF_8)).contains("404");
        assertThat(emulator().requests(DemoData.DEMO_CLIENT_ID))
                .singleElement()
                .satisfies(request -> assertThat(request.status()).isEqualTo(404));
    }

    @Test
    void refusalAfterA429IsDeadLetteredAndTheRouteGoesOnWithTheNextFile() throws Exception {
        String unknownITwin = "00000000-0000-4000-8000-00000000beef";
        emulator().faults(FaultSettings.NONE.withThrottle(1.0, 1));
        drop(unknownITwin, TestImages.png(40, 30));
        startFolderRoute();
        Await.until(
                "the first upload",
                TIMEOUT,
                () -> !emulator().requests(DemoData.DEMO_CLIENT_ID).isEmpty());
        emulator().faults(FaultSettings.NONE);
        drop(DemoData.ITWIN_PLAIN, TestImages.png(40, 30));

        Path reason = awaitDeadLetter(fileOf(unknownITwin));
        Await.until(
                "the next file uploaded", TIMEOUT, () -> Files.exists(done().resolve(fileOf(DemoData.ITWIN_PLAIN))));

        assertThat(Files.readString(reason, StandardCharsets.UTF_8)).contains("404");
        assertThat(emulator().requests(DemoData.DEMO_CLIENT_ID))
                .extracting(RecordedRequest::status)
                .containsExactly(429, 404, 201);
        assertThat(filesIn(deadLetter())).as("the file and its reason").hasSize(2);
    }

    /**
     * Waits for the copy and its reason file in the dead letter folder and for the file to leave the inbox (only after
     * the dead letter has it; it is not in done); returns the reason file.
     */
    private Path awaitDeadLetter(String fileName) throws Exception {
        Path original = inbox().resolve(fileName);
        Await.until(
                fileName + " dead-lettered and done with",
                TIMEOUT,
                () -> !DeadLetters.reasonsIn(deadLetter(), fileName).isEmpty() && !Files.exists(original));
        assertThat(DeadLetters.in(deadLetter(), fileName))
                .as("the file beside its reason")
                .hasSize(1);
        assertThat(done().resolve(fileName)).doesNotExist();
        return DeadLetters.reasonsIn(deadLetter(), fileName).get(0);
    }
}
