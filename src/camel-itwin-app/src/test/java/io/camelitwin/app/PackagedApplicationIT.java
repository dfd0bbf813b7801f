package io.camelitwin.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelitwin.emulator.DemoData;
import io.camelitwin.reliability.ApplicationProcess;
import io.camelitwin.testing.Await;
import io.camelitwin.testing.SecretsLedger;
import io.camelitwin.testing.TestImages;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged application as the README runs it ({@code java -jar target/quarkus-app/quarkus-run.jar}), started twice
 * on the same data: what the folder route uploaded before the restart is not uploaded again after it.
 */
class PackagedApplicationIT {

    private static final String ITWIN = DemoData.ITWIN_PLAIN;

    @TempDir
    Path data;

    @Test
    void contentUploadedBeforeARestartIsNotUploadedAgainAfterIt() throws Exception {
        byte[] image = TestImages.distinctPng(7);
        int emulatorPort = freePort();
        String requests =
                "http://127.0.0.1:" + emulatorPort + "/__emulator/requests?clientId=" + DemoData.DEMO_CLIENT_ID;

        try (ApplicationProcess first = start(emulatorPort, "first")) {
            drop("before-restart.png", image);
            Await.until("the first run uploads the file", Duration.ofSeconds(60), () -> done("before-restart.png"));
            assertThat(get(requests)).contains("\"method\":\"PUT\"");
        }
        try (ApplicationProcess second = start(emulatorPort, "second")) {
            drop("after-restart.png", image);
            Await.until(
                    "the second run is done with the file", Duration.ofSeconds(60), () -> done("after-restart.png"));
            assertThat(get(requests)).doesNotContain("\"method\":\"PUT\"");
            assertThat(second.logText()).contains("Not uploaded: itwins/" + ITWIN + "/after-restart.png");
        }
    }

    private ApplicationProcess start(int emulatorPort, String name) throws Exception {
        // the embedded emulator's demo client: the tokens it issues stay inside the child, where the test cannot
        // record them; the scan's patterns for an unmasked bearer token or access_token field stand in for them
        SecretsLedger.record(DemoData.DEMO_CLIENT_SECRET);
        ApplicationProcess application = new ApplicationProcess("PackagedApplicationIT-" + name);
        for (String option : List.of(
                "itwin.emulator.port=" + emulatorPort,
                "itwin.emulator.data-dir=" + data.resolve("emulator"),
                "itwin.folder.inbox=" + data.resolve("inbox"),
                "itwin.folder.done=" + data.resolve("done"),
                "itwin.folder.failed=" + data.resolve("failed"),
                "itwin.folder.state-file=" + data.resolve("state/folder.dat"),
                "itwin.sync.folder=" + data.resolve("assets"),
                "itwin.sync.state-file=" + data.resolve("state/changes.dat"))) {
            application.jvmOption("-D" + option);
        }
        application.start();
        application.awaitLine(
                line -> line.contains("Started folder-to-itwin"), Duration.ofSeconds(60), "folder route started");
        return application;
    }

    private void drop(String name, byte[] image) throws IOException {
        Path file = data.resolve("inbox/itwins/" + ITWIN + "/" + name);
        Files.createDirectories(file.getParent());
        Files.write(file, image);
    }

    private boolean done(String name) {
        return Files.exists(data.resolve("done/itwins/" + ITWIN + "/" + name));
    }

    private static String get(String url) throws Exception {
        return HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
