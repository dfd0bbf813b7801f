package io.camelitwin.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Redis for the tests of a class, on a free loopback port: the machine's {@code redis-server} when it has one,
 * otherwise the one shipped inside the {@code embedded-redis} test jar, so that the suite needs nothing but Java. It can
 * be killed and started again on the same port with its data (an append-only file written at every command), so that
 * a test can take Redis away from a running client and give it back as a restarted Redis would come back. Register it
 * as a static field with {@code @RegisterExtension}.
 */
public final class RedisServerExtension implements BeforeAllCallback, AfterAllCallback {

    private static final Duration STARTUP = Duration.ofSeconds(10);

    private final String password;
    private final String appendFsync;
    private int port;
    private Path workDirectory;
    private Process process;

    /** No password, every write synced to the append-only file before it is answered. */
    public RedisServerExtension() {
        this(null, "always");
    }

    private RedisServerExtension(String password, String appendFsync) {
        this.password = password;
        this.appendFsync = appendFsync;
    }

    /**
     * Redis as k8s/overlays/platform runs it: a password, and the append-only file synced once a second (Redis'
     * default), so that only a SIGTERM, which flushes it, keeps every write.
     */
    public static RedisServerExtension asDeployed(String password) {
        SecretsLedger.record(password);
        return new RedisServerExtension(password, "everysec");
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        port = freePort();
        workDirectory = Files.createTempDirectory("redis-test");
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        stop();
        try (var files = Files.walk(workDirectory)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        }
    }

    public String url() {
        return "redis://" + (password == null ? "" : ":" + password + "@") + "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Starts Redis (again) on this extension's port and waits until it answers PING. */
    public synchronized void start() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            return;
        }
        List<String> command = new java.util.ArrayList<>(List.of(
                RedisExecutable.path(),
                "--port",
                String.valueOf(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "yes",
                "--appendfsync",
                appendFsync,
                "--dir",
                workDirectory.toString(),
                "--logfile",
                workDirectory.resolve("redis.log").toString()));
        if (password != null) {
            // from a configuration file, as the platform overlay gives it: never on the command line
            Path conf = workDirectory.resolve("password.conf");
            Files.writeString(conf, "requirepass " + password + "\n");
            command.add(1, conf.toString());
        }
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        awaitPong();
    }

    /** Stops Redis as an outage would: at once, without a chance to tell its clients. */
    public synchronized void stop() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            process = null;
        }
    }

    /** Stops Redis as a node drain does (SIGTERM: it flushes its append-only file) and starts it from its data. */
    public synchronized void restart() throws IOException, InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("redis-server did not stop within 10 s of SIGTERM");
            }
            process = null;
        }
        start();
    }

    private void awaitPong() {
        Await.until("redis-server answers PING", STARTUP, () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited with " + process.exitValue() + "; see "
                        + workDirectory.resolve("redis.log"));
            }
            return answersPing();
        });
    }

    private boolean answersPing() {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            if (password != null) {
                out.write(("AUTH " + password + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                if (!new String(in.readNBytes(5), StandardCharsets.US_ASCII).startsWith("+OK")) {
                    return false;
                }
            }
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] reply = in.readNBytes(7);
            return new String(reply, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
