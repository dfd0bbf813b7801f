package io.camelitwin.emulator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local emulator of the iTwin Platform operations camel-itwin uses: token endpoint, iTwin images and their blob
 * links, iModel thumbnails, repository graphics and the iTwin list, with per-client rate limits, seeded fault
 * injection and a request log for tests. Start one with {@link #builder()}; it serves until {@link #close()}.
 */
public final class ITwinEmulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ITwinEmulator.class);
    private static final int BACKLOG = 128;

    static {
        // The JDK server writes headers and body separately; with Nagle's algorithm on, every keep-alive response
        // then waits for the client's delayed ACK (about 40 ms). The server reads this property once, when its first
        // instance is created, so it is set here unless the application chose a value itself.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final Clock clock;
    private final EmulatorState state;
    private final ImageStore images = new ImageStore();
    private final ThumbnailStore thumbnails = new ThumbnailStore();
    private final TokenService tokens;
    private final BlobSigner signer;
    private final RateLimits rateLimits;
    private final FaultInjector faultInjector;
    private final FaultSettings initialFaults;
    private final RateLimitSettings initialRateLimits;
    private final RequestLog requestLog;
    private final DataDirectory dataDirectory;
    private final HttpServer server;
    private final ThreadPoolExecutor executor;
    private final String baseUrl;
    private final List<Consumer<String>> storedListeners = new CopyOnWriteArrayList<>();
    /** Off while the start-up steps run, so that they end in one save instead of one each. */
    private volatile boolean persisting;

    private ITwinEmulator(Builder builder) throws IOException {
        this.clock = builder.clock;
        this.state = new EmulatorState(builder.seed);
        this.tokens = new TokenService(clock, builder.tokenLifetime);
        this.signer = new BlobSigner(clock, builder.blobUrlLifetime);
        this.rateLimits = new RateLimits(clock, builder.rateLimits);
        this.faultInjector = new FaultInjector(builder.seed, builder.faults);
        this.initialFaults = builder.faults;
        this.initialRateLimits = builder.rateLimits;
        this.requestLog = new RequestLog(builder.requestLogCapacity);
        this.dataDirectory = builder.dataDirectory == null ? null : new DataDirectory(builder.dataDirectory);

        boolean restoring = dataDirectory != null && dataDirectory.hasSavedState();
        if (builder.demoData) {
            // a restored world keeps its own images: the demo image may have been replaced or deleted on purpose
            DemoData.seed(state, restoring ? null : images, clock.instant());
        }
        if (restoring) {
            dataDirectory.load(state, images, thumbnails);
        }
        builder.steps.forEach(step -> step.accept(this));
        persisting = true;
        persist();

        this.server = HttpServer.create(new InetSocketAddress(builder.host, builder.port), BACKLOG);
        this.baseUrl =
                "http://" + hostForUrl(builder.host) + ":" + server.getAddress().getPort();
        this.executor = executor(builder.threads);
        server.setExecutor(executor);
        register();
        server.start();
        LOG.info("iTwin Platform emulator listening on {}", baseUrl);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Where the API, the token endpoint and the blob links are served, e.g. {@code http://127.0.0.1:54321}. */
    public String baseUrl() {
        return baseUrl;
    }

    public String tokenUrl() {
        return baseUrl + TokenEndpoint.PATH;
    }

    public String discoveryUrl() {
        return baseUrl + DiscoveryEndpoint.PATH;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    // ---- world -----------------------------------------------------------------------------------------------

    public void addClient(String clientId, String secret) {
        state.addClient(clientId, secret);
        persist();
    }

    public void addITwin(String iTwinId, String displayName, String... memberClientIds) {
        state.addITwin(EmulatorState.newITwin(iTwinId, displayName, clock.instant()), memberClientIds);
        persist();
    }

    public void addIModel(String iModelId, String iTwinId, boolean initialized) {
        state.addIModel(new EmulatorState.IModel(iModelId, iTwinId, iModelId, initialized));
        persist();
    }

    public void grantIModel(String iModelId, String clientId, IModelAccess access) {
        state.grantIModel(iModelId, clientId, access);
        persist();
    }

    /** Creates {@code count} iTwins for the client, with ids drawn from the seed; returns their ids in creation order. */
    public List<String> seedITwins(String clientId, int count) {
        List<String> ids = state.seedITwins(clientId, count, clock.instant());
        persist();
        return ids;
    }

    // ---- run-time settings ----------------------------------------------------------------------------------

    public RateLimitSettings rateLimits() {
        return rateLimits.settings();
    }

    /** Applies at once; every client starts again with full buckets. */
    public void rateLimits(RateLimitSettings settings) {
        rateLimits.update(Objects.requireNonNull(settings));
    }

    public FaultSettings faults() {
        return faultInjector.settings();
    }

    public void faults(FaultSettings settings) {
        faultInjector.update(Objects.requireNonNull(settings));
    }

    /**
     * Every API call to this path (e.g. {@code /itwins/{id}/image}) answers 500 with the error envelope from now until
     * {@link #reset()}, before any other fault is drawn: a resource the platform fails on every time, not by chance.
     */
    public void breakPath(String rawPath) {
        faultInjector.breakPath(Objects.requireNonNull(rawPath));
    }

    /** Applies to tokens issued from now on. */
    public void tokenLifetime(Duration lifetime) {
        tokens.lifetime(lifetime);
    }

    /** Applies to links issued from now on. */
    public void blobUrlLifetime(Duration lifetime) {
        signer.lifetime(lifetime);
    }

    /** Every token issued to the client so far stops working now: its next API call gets a 401. */
    public void expireTokens(String clientId) {
        tokens.expire(clientId);
    }

    /**
     * Calls the listener with the iTwin id each time an uploaded iTwin image has been stored, before the upload is
     * answered: the moment at which a client that dies has had its upload kept without ever hearing so. Crash tests
     * kill their client there. {@link #reset()} removes the listeners.
     */
    public void onITwinImageStored(Consumer<String> listener) {
        storedListeners.add(Objects.requireNonNull(listener));
    }

    /**
     * Calls the listener with every access token issued from now on, so that a test whose client runs in another
     * process can still add those tokens to the secrets it looks for in logs. {@link #reset()} removes the listeners.
     */
    public void onTokenIssued(Consumer<String> listener) {
        tokens.onIssued(Objects.requireNonNull(listener));
    }

    /**
     * Calls the listener with the signature of every blob link handed out from now on (the {@code sig} of an image
     * URL, as signed, before URL encoding): like a token, it is the link's only credential, so a test whose client
     * runs in another process adds it to the secrets it looks for in logs. {@link #reset()} removes the listeners.
     */
    public void onBlobUrlSigned(Consumer<String> listener) {
        signer.onSigned(Objects.requireNonNull(listener));
    }

    // ---- inspection -----------------------------------------------------------------------------------------

    /** API requests of one client, oldest first (the most recent ones only, see {@link Builder#requestLogCapacity}). */
    public List<RecordedRequest> requests(String clientId) {
        return requestLog.requests(Objects.requireNonNull(clientId));
    }

    /** All recorded API requests, unauthenticated ones included. */
    public List<RecordedRequest> requests() {
        return requestLog.requests(null);
    }

    /** Requests the client sent before the Retry-After of a 429 it had been given had passed. */
    public long earlyRequestCount(String clientId) {
        return requestLog.earlyRequestCount(clientId);
    }

    /** Requests to the token endpoint that named this (known) client, successful or not. */
    public long tokenRequestCount(String clientId) {
        return tokens.requestCount(clientId);
    }

    /** Every request to the token endpoint, whatever client it named, a known one, an unknown one or none. */
    public long tokenRequestCount() {
        return tokens.allRequestCount();
    }

    /** The iTwin image exactly as uploaded. */
    public Optional<byte[]> iTwinImage(String iTwinId) {
        return images.large(iTwinId).map(blob -> blob.bytes().clone());
    }

    /** The generated small rendition of the iTwin image. */
    public Optional<byte[]> iTwinSmallImage(String iTwinId) {
        return images.small(iTwinId).map(blob -> blob.bytes().clone());
    }

    /** The PNG rendition of an uploaded iModel thumbnail; empty when none was uploaded (a default is served then). */
    public Optional<byte[]> iModelThumbnail(String iModelId, ThumbnailSize size) {
        return thumbnails.uploaded(iModelId, size).map(byte[]::clone);
    }

    /**
     * Clears the request log and all counters, and restores the rate limits (with full buckets) and the fault settings
     * the emulator started with, with the fault sequence back at the start of its seed: after a reset, the same
     * requests meet the same faults, whatever ran before. The world (iTwins, images, thumbnails, tokens) is kept.
     */
    public void reset() {
        requestLog.reset();
        tokens.reset();
        signer.reset();
        storedListeners.clear();
        // like the faults, limits changed at run time go back to what the emulator started with
        rateLimits.update(initialRateLimits);
        faultInjector.reset(initialFaults);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        persist();
        LOG.info("iTwin Platform emulator on {} stopped", baseUrl);
    }

    private void register() {
        Runnable onChange = this::persist;
        ITwinImageHandler iTwinImages = new ITwinImageHandler(
                state, images, signer, onChange, iTwinId -> storedListeners.forEach(l -> l.accept(iTwinId)));
        ITwinListHandler iTwinList = new ITwinListHandler(state, images, signer);
        IModelThumbnailHandler iModelThumbnails = new IModelThumbnailHandler(state, thumbnails, onChange);
        GraphicsHandler graphics = new GraphicsHandler(state);
        List<Route> routes = List.of(
                Route.of("GET", "/itwins/?", "itwins", "get-my-itwins", iTwinList::list),
                Route.of("GET", "/itwins/(?<iTwinId>[^/]+)/image", "itwins", "get-itwin-image", iTwinImages::get),
                Route.of("PUT", "/itwins/(?<iTwinId>[^/]+)/image", "itwins", "upload-itwin-image", iTwinImages::put),
                Route.of(
                        "DELETE",
                        "/itwins/(?<iTwinId>[^/]+)/image",
                        "itwins",
                        "delete-itwin-image",
                        iTwinImages::delete),
                Route.of(
                        "GET",
                        "/imodels/(?<iModelId>[^/]+)/thumbnail",
                        "imodels",
                        "get-imodel-thumbnail",
                        iModelThumbnails::get),
                Route.of(
                        "PUT",
                        "/imodels/(?<iModelId>[^/]+)/thumbnail",
                        "imodels",
                        "upload-imodel-thumbnail",
                        iModelThumbnails::put),
                Route.of(
                        "GET",
                        "/itwins/repositories/(?<repositoryId>[^/]+)/resources/(?<resourceId>[^/]+)/graphics",
                        "itwins",
                        "get-repository-resource-graphics",
                        graphics::get),
                Route.of(
                        "GET",
                        "/itwins/(?<iTwinId>[^/]+)/repositories/(?<repositoryId>[^/]+)/resources/"
                                + "(?<resourceId>[^/]+)/graphics",
                        "itwins",
                        "get-itwin-repository-resource-graphics",
                        graphics::getInITwin));
        server.createContext(
                "/", new ApiDispatcher(routes, tokens, rateLimits, faultInjector, requestLog, clock, baseUrl));
        server.createContext(TokenEndpoint.PATH, new TokenEndpoint(state, tokens, faultInjector));
        DiscoveryEndpoint discovery = new DiscoveryEndpoint(baseUrl);
        server.createContext(DiscoveryEndpoint.PATH, discovery);
        server.createContext(DiscoveryEndpoint.JWKS_PATH, discovery);
        server.createContext(AuthorizationEndpoint.PATH, new AuthorizationEndpoint());
        server.createContext(BlobSigner.PATH_PREFIX, new BlobHandler(signer, images));
        server.createContext(AdminHandler.PREFIX, new AdminHandler(this));
    }

    private void persist() {
        if (dataDirectory != null && persisting) {
            dataDirectory.save(state, images, thumbnails);
        }
    }

    private static ThreadPoolExecutor executor(int threads) {
        AtomicInteger counter = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(threads * 256), runnable -> {
                    Thread thread = new Thread(runnable, "itwin-emulator-" + counter.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private static String hostForUrl(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    /** Settings and the world to start with. Every setting has a default; {@link #start()} binds the port. */
    public static final class Builder {

        private String host = "127.0.0.1";
        private int port;
        private int threads = Math.max(8, Runtime.getRuntime().availableProcessors() * 4);
        private long seed = 42;
        private Clock clock = Clock.systemUTC();
        private Duration tokenLifetime = Duration.ofHours(1);
        private Duration blobUrlLifetime = Duration.ofHours(1);
        private RateLimitSettings rateLimits = RateLimitSettings.TRIAL;
        private FaultSettings faults = FaultSettings.NONE;
        private int requestLogCapacity = 100_000;
        private boolean demoData = true;
        private Path dataDirectory;
        private final List<Consumer<ITwinEmulator>> steps = new ArrayList<>();

        private Builder() {}

        /** The interface to bind; 127.0.0.1 by default. Another interface also exposes the admin endpoints. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host);
            return this;
        }

        /** 0 (the default) picks a free port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1");
            }
            this.threads = threads;
            return this;
        }

        /** Seeds generated ids, graphics credentials and the fault sequence. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The clock of token and link expiry, rate-limit refills and the request log; tests may move it. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        public Builder tokenLifetime(Duration lifetime) {
            this.tokenLifetime = positive(lifetime);
            return this;
        }

        /** How long blob links stay valid; the platform promises at least 1 hour, the default. */
        public Builder blobUrlLifetime(Duration lifetime) {
            this.blobUrlLifetime = positive(lifetime);
            return this;
        }

        public Builder rateLimits(RateLimitSettings settings) {
            this.rateLimits = Objects.requireNonNull(settings);
            return this;
        }

        public Builder rateLimits(long perMinute, long perHour) {
            return rateLimits(new RateLimitSettings(rateLimits.tier(), perMinute, perHour));
        }

        public Builder faults(FaultSettings settings) {
            this.faults = Objects.requireNonNull(settings);
            return this;
        }

        public Builder requestLogCapacity(int capacity) {
            if (capacity < 1) {
                throw new IllegalArgumentException("capacity must be at least 1");
            }
            this.requestLogCapacity = capacity;
            return this;
        }

        /** Whether to start with the {@link DemoData} clients, iTwins, iModels and repositories (default true). */
        public Builder demoData(boolean demoData) {
            this.demoData = demoData;
            return this;
        }

        /** Keep the world in this directory and load it from there on start. */
        public Builder dataDirectory(Path directory) {
            this.dataDirectory = directory;
            return this;
        }

        public Builder client(String clientId, String secret) {
            steps.add(emulator -> emulator.addClient(clientId, secret));
            return this;
        }

        public Builder iTwin(String iTwinId, String displayName, String... memberClientIds) {
            steps.add(emulator -> emulator.addITwin(iTwinId, displayName, memberClientIds));
            return this;
        }

        public Builder iModel(String iModelId, String iTwinId, boolean initialized) {
            steps.add(emulator -> emulator.addIModel(iModelId, iTwinId, initialized));
            return this;
        }

        public Builder grantIModel(String iModelId, String clientId, IModelAccess access) {
            steps.add(emulator -> emulator.grantIModel(iModelId, clientId, access));
            return this;
        }

        public Builder seedITwins(String clientId, int count) {
            steps.add(emulator -> emulator.seedITwins(clientId, count));
            return this;
        }

        public ITwinEmulator start() throws IOException {
            return new ITwinEmulator(this);
        }

        private static Duration positive(Duration duration) {
            if (duration == null || duration.isZero() || duration.isNegative()) {
                throw new IllegalArgumentException("duration must be positive");
            }
            return duration;
        }
    }
}
