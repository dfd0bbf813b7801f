package io.camelitwin.app.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Every {@code itwin.*} key of the application, the Java code's and the routes' ({@code {{itwin...}}}), checked while
 * the configuration is set up, before any bean or route starts: a wrong type, a value out of range or an unknown
 * choice stops the start naming the key, and so does a key under {@code itwin.} that is named here nowhere (Quarkus
 * refuses the keys of a mapping's prefix it does not know), which catches a misspelt key too.
 *
 * <p>The values live in application.properties, which documents them; a {@link WithDefault} stands only on the keys that
 * file leaves out (the routes' retry settings, the Kubernetes Lease's timing), and equals the routes' own default where
 * they give one. A key is still overridden by its environment variable (ITWIN_FOLDER_INBOX for itwin.folder.inbox).
 */
@ConfigMapping(prefix = "itwin")
public interface AppSettings {

    /** Which platform: bentley or emulator (any case); unset is refused by the platform connection, listing both. */
    @WithConverter(PlatformChoice.class)
    Optional<Platform> platform();

    Optional<String> clientId();

    Optional<String> clientSecret();

    String baseUrl();

    String tokenUrl();

    Emulator emulator();

    Routes routes();

    DeadLetter deadLetter();

    Folder folder();

    Sync sync();

    Cluster cluster();

    Redis redis();

    /** Named as written: the constraint check names a group by its method otherwise (itwin.rateLimit.replicas). */
    @WithName("rate-limit")
    RateLimit rateLimit();

    S3 s3();

    Queue queue();

    Retry retry();

    /** What {@code itwin.platform} may be. */
    enum Platform {
        /** The iTwin Platform at {@code itwin.base-url} (Bentley's by default), with the service app's credentials. */
        bentley,
        /** The embedded emulator with its demo data; nothing leaves the machine. */
        emulator
    }

    interface Emulator {
        @Min(0)
        @Max(65535)
        int port();

        Optional<Path> dataDir();
    }

    /** Read by application.properties itself ({@code ${itwin.routes.dir}}): where the routes and Kamelets are. */
    interface Routes {
        String dir();
    }

    /** The change sync's dead letters (routes/itwin-resilience.camel.yaml). */
    interface DeadLetter {
        String uri();

        /** Whether a file's dead letter gets a .reason.txt beside it. */
        @WithDefault("true")
        boolean reasonFile();
    }

    interface Folder {
        boolean enabled();

        Path inbox();

        Path done();

        Path failed();

        @Min(1)
        long pollDelay();

        @Min(0)
        long incompleteQuietTime();

        Path stateFile();

        Path journalFile();
    }

    interface Sync {
        boolean enabled();

        Path folder();

        @Min(1)
        long pollDelay();

        StartFrom startFrom();

        @Min(0)
        int maxChangesPerPoll();

        Path stateFile();

        Http http();

        /** Where the change sync's first poll starts: the images there now are its baseline, or none are. */
        enum StartFrom {
            now,
            beginning
        }

        interface Http {
            Optional<URI> url();

            @Min(-1)
            int maxRedeliveries();

            @Min(0)
            long initialDelay();

            @Min(0)
            long maxDelay();
        }
    }

    interface Cluster {
        Service service();

        /** What {@code itwin.cluster.service} may be. */
        enum Service {
            /** A lock file under {@code itwin.cluster.file.root}, in a folder the replicas of one host share. */
            file,
            /** A coordination.k8s.io Lease. */
            kubernetes
        }

        File file();

        Kubernetes kubernetes();

        interface File {
            String root();

            @WithDefault("1s")
            Duration retryInterval();
        }

        /** The namespace and pod name come from the pod (k8s/base's downward API); the timing has defaults. */
        interface Kubernetes {
            Optional<String> namespace();

            Optional<String> podName();

            @WithDefault("camel-itwin-leaders")
            String leaseName();

            @WithDefault("15s")
            Duration leaseDuration();

            @WithDefault("10s")
            Duration renewDeadline();

            @WithDefault("2s")
            Duration retryPeriod();
        }
    }

    interface Redis {
        Optional<String> url();

        /**
         * The password k8s/ mounts as a file of this name and writes into {@link #url()} as
         * {@code ${itwin.redis.password}}: named here so that the file's key is a known one, read through the URL only.
         */
        Optional<String> password();
    }

    interface RateLimit {
        /** The replicas that share the OAuth client's budget, and divide it among them while Redis is down. */
        @Min(1)
        int replicas();
    }

    interface S3 {
        boolean enabled();

        String bucket();

        String prefix();

        String donePrefix();

        String failedPrefix();

        @WithConverter(S3AfterUploadCheck.class)
        S3AfterUploadCheck.AfterUpload afterUpload();

        @Min(1)
        long pollDelay();

        /** read by the S3 route only ({@code maxMessagesPerPoll}) */
        @Min(1)
        int maxObjectsPerPoll();

        /** read by the S3 route only: an object larger than this is refused by its length, unread */
        @Min(1)
        long maxObjectBytes();

        Path journalFile();

        Optional<URI> endpoint();

        String region();

        boolean pathStyle();

        Optional<String> accessKey();

        Optional<String> secretKey();
    }

    interface Queue {
        boolean enabled();

        String name();

        String deadLetter();

        String brokerUrl();

        Optional<String> username();

        Optional<String> password();

        @Min(1)
        int concurrentConsumers();

        /** Messages fetched ahead per consumer (0: each is pulled when the consumer asks for it). */
        @Min(0)
        int prefetch();
    }

    /** The shared error handling of routes/itwin-resilience.camel.yaml; its defaults are the routes' own. */
    interface Retry {
        RateLimited rateLimited();

        @WithName("transient")
        Transient transientFailures();

        interface RateLimited {
            @WithDefault("60000")
            long fallbackDelay();

            @WithDefault("100")
            int maxRedeliveries();
        }

        interface Transient {
            @WithDefault("500")
            long initialDelay();

            @WithDefault("30000")
            long maxDelay();

            @WithDefault("8")
            int maxRedeliveries();
        }
    }
}
