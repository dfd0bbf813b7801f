package io.camelitwin.app.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Every {@code itwin.*} key of the application, the Java code's and the routes' ({@code {{itwin...}}}), checked while
 * the configuration is set up, before any bean or route starts: a wrong type, a number out of its range
 * ({@link NumberRange}) or an unknown choice stops the start naming the key, and so does a key under {@code itwin.}
 * that is named here nowhere (Quarkus refuses the keys of a mapping's prefix it does not know), which catches a
 * misspelt key too.
 *
 * <p>The values live in application.properties, which documents them; a {@link WithDefault} stands only on the keys
 * that file leaves out and the Java code reads (the file lock's retry interval, the Kubernetes Lease's name and
 * timing). The keys only the routes read and the file leaves out (the retry settings, the dead letter's reason file)
 * are optional here: their defaults are the routes' own. A key is still overridden by its environment variable
 * (ITWIN_FOLDER_INBOX for itwin.folder.inbox).
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
        @WithConverter(NumberRange.Port.class)
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

        /** Whether a file's dead letter gets a .reason.txt beside it; unset, the route's default (true) applies. */
        Optional<Boolean> reasonFile();
    }

    interface Folder {
        boolean enabled();

        Path inbox();

        Path done();

        Path failed();

        @WithConverter(NumberRange.PositiveLong.class)
        long pollDelay();

        @WithConverter(NumberRange.NonNegativeLong.class)
        long incompleteQuietTime();

        Path stateFile();

        Path journalFile();
    }

    interface Sync {
        boolean enabled();

        Path folder();

        @WithConverter(NumberRange.PositiveLong.class)
        long pollDelay();

        StartFrom startFrom();

        @WithConverter(NumberRange.NonNegative.class)
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

            @WithConverter(NumberRange.RedeliveryLimit.class)
            int maxRedeliveries();

            @WithConverter(NumberRange.NonNegativeLong.class)
            long initialDelay();

            @WithConverter(NumberRange.NonNegativeLong.class)
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
        @WithConverter(NumberRange.Positive.class)
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

        @WithConverter(NumberRange.PositiveLong.class)
        long pollDelay();

        /** read by the S3 route only ({@code maxMessagesPerPoll}) */
        @WithConverter(NumberRange.Positive.class)
        int maxObjectsPerPoll();

        /** read by the S3 route only: an object larger than this is refused by its length, unread */
        @WithConverter(NumberRange.PositiveLong.class)
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

        @WithConverter(NumberRange.Positive.class)
        int concurrentConsumers();

        /** Messages fetched ahead per consumer (0: each is pulled when the consumer asks for it). */
        @WithConverter(NumberRange.NonNegative.class)
        int prefetch();
    }

    /**
     * The shared error handling of routes/itwin-resilience.camel.yaml, checked here when set; unset, the route's own
     * {@code {{key:default}}} applies, the one place each default is written. Optional, with no default here, because
     * Camel reads every placeholder of an error handler again for each step of each route, and for a key that the
     * configuration defines it then loads the whole configuration to note where the value came from: defaults here
     * made the application start about a second later (docs/benchmarks.md).
     */
    interface Retry {
        RateLimited rateLimited();

        @WithName("transient")
        Transient transientFailures();

        interface RateLimited {
            @WithConverter(NumberRange.NonNegativeLong.class)
            Optional<Long> fallbackDelay();

            @WithConverter(NumberRange.RedeliveryLimit.class)
            Optional<Integer> maxRedeliveries();
        }

        interface Transient {
            @WithConverter(NumberRange.NonNegativeLong.class)
            Optional<Long> initialDelay();

            @WithConverter(NumberRange.NonNegativeLong.class)
            Optional<Long> maxDelay();

            @WithConverter(NumberRange.RedeliveryLimit.class)
            Optional<Integer> maxRedeliveries();
        }
    }
}
