package io.camelitwin.component;

import io.camelitwin.client.ITwinPager;
import io.camelitwin.client.ITwinPlatformClient;
import io.camelitwin.client.error.ErrorCodes;
import io.camelitwin.client.error.ITwinApiException;
import io.camelitwin.client.error.ITwinException;
import io.camelitwin.client.error.ITwinRateLimitException;
import io.camelitwin.client.model.DownloadedImage;
import io.camelitwin.client.model.ITwinImage;
import io.camelitwin.client.model.ITwinSummary;
import io.camelitwin.client.model.ImageSize;
import java.io.File;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.ScheduledBatchPollingConsumer;
import org.apache.camel.support.SynchronizationAdapter;
import org.apache.camel.support.processor.state.FileStateRepository;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code itwin:imageChanges}: polls iTwin images and emits one exchange per image added, changed or removed.
 *
 * <p>Watching every iTwin costs one list request per page (the list carries each small image name); only a changed
 * iTwin costs a further call, for its large image and URLs. A change is recorded as seen only when its exchange
 * completed, so a failed one comes again on the next poll (at least once). A 429 does not fail the poll: the shared
 * rate limiter holds the next request until Retry-After has passed, and the poll carries on (a bounded number of
 * times). A changed iTwin whose look-up fails (a 5xx, a dropped connection, the 429 budget spent) does not hold up the
 * others: every change that was looked up is delivered, and the failed ones, still unrecorded, are found again next
 * poll. It is a Camel batch consumer: {@code maxMessagesPerPoll} caps the changes of one poll, and so its look-ups and
 * its length, and each exchange carries the {@code CamelBatchIndex}, {@code CamelBatchSize} and
 * {@code CamelBatchComplete} properties.
 */
public class ITwinImageChangesConsumer extends ScheduledBatchPollingConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(ITwinImageChangesConsumer.class);

    private final StateRepository<String, String> stateRepository;
    /** A repository bean may be shared with other consumers: only the one made here is stopped here. */
    private final boolean ownsStateRepository;

    private final SeenImages seen;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    /**
     * iTwins whose last look-up failed: each poll looks them up after the others, so that a few that fail every time
     * cannot take a poll's {@code maxMessagesPerPoll} or 429 budget ahead of the rest, poll after poll.
     */
    private final Set<String> failedLastTime = ConcurrentHashMap.newKeySet();
    /** Polls run one at a time on the scheduler's thread. */
    private int rateLimitRetriesLeft;

    public ITwinImageChangesConsumer(ITwinEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        ITwinConfiguration configuration = endpoint.getConfiguration();
        this.ownsStateRepository = configuration.getStateRepository() == null;
        this.stateRepository =
                ownsStateRepository ? ownStateRepository(configuration) : configuration.getStateRepository();
        this.seen = new SeenImages(stateRepository);
    }

    private static StateRepository<String, String> ownStateRepository(ITwinConfiguration configuration) {
        return configuration.getStateFile() != null
                ? FileStateRepository.fileStateRepository(new File(configuration.getStateFile()))
                : new MemoryStateRepository();
    }

    @Override
    protected void doStart() throws Exception {
        // a repository bean is started here too: a FileStateRepository reads its file on start
        ServiceHelper.startService(stateRepository);
        super.doStart();
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        if (ownsStateRepository) {
            ServiceHelper.stopService(stateRepository);
        }
    }

    /**
     * Whether a consumer working with this state has been through its first poll, which records the images already
     * there ({@link StartFrom#now}): until then a change made on the platform may be taken for one of them. For a
     * readiness check that holds back "ready" until changes are sure to be delivered.
     */
    public static boolean baselineRecorded(StateRepository<String, String> state) {
        return new SeenImages(state).hasBaseline();
    }

    @Override
    public ITwinEndpoint getEndpoint() {
        return (ITwinEndpoint) super.getEndpoint();
    }

    @Override
    protected int poll() throws Exception {
        ITwinConfiguration configuration = getEndpoint().getConfiguration();
        rateLimitRetriesLeft = configuration.getRateLimitRetriesPerPoll();
        // startFrom concerns only a state that has never been through a poll: after a restart with a kept state,
        // an iTwin that got its first image while the consumer was down is an addition like any other
        boolean baselined = seen.hasBaseline();
        boolean reportUnseen = baselined || configuration.getStartFrom() == StartFrom.beginning;
        LookUpFailures failures = new LookUpFailures();
        List<Observed> observed = observe(configuration, failures);
        List<Detected> detected = new ArrayList<>();
        for (Observed current : observed) {
            if (inFlight.contains(current.iTwinId())) {
                continue;
            }
            if (!seen.isKnown(current.iTwinId()) && (!reportUnseen || current.imageName() == null)) {
                // the baseline of a first poll, or an iTwin without an image yet: nothing to report, but its removal
                // or first image must be reported later
                seen.record(current.iTwinId(), current.imageName());
                continue;
            }
            ImageChange.ChangeType type = seen.changeOf(current.iTwinId(), current.imageName());
            if (type != null) {
                detected.add(new Detected(current, type));
            }
        }
        if (!baselined) {
            seen.recordBaseline();
            LOG.info(
                    "Image changes: {} iTwins recorded as they are (startFrom={}); every change from now on is"
                            + " delivered",
                    observed.size(),
                    configuration.getStartFrom());
        }
        // changes beyond the limit stay unrecorded, so the next poll finds them again; they cost no look-up now
        List<Detected> lookUps =
                failedLast(detected, change -> change.observed().iTwinId());
        int limit = maxMessagesPerPoll > 0 ? Math.min(maxMessagesPerPoll, lookUps.size()) : lookUps.size();
        List<ImageChange> described = new ArrayList<>();
        for (int i = 0; i < limit; i++) {
            Detected change = lookUps.get(i);
            try {
                ImageChange details = describe(change.observed(), change.type());
                lookedUp(change.observed().iTwinId(), failures);
                if (details != null) {
                    described.add(details);
                }
            } catch (ITwinRateLimitException pastBudget) {
                // the poll's 429 budget is spent: what was looked up is delivered, the rest waits for the next poll
                failures.add(change.observed().iTwinId(), pastBudget, limit - i - 1);
                break;
            } catch (ITwinException failure) {
                // this change stays unrecorded and is found again next poll; the others need not wait for it
                failed(change.observed().iTwinId(), failure, failures);
            }
        }
        // exchanges only now, when no look-up can throw any more: none is created that would not be delivered
        Queue<Object> exchanges = new ArrayDeque<>();
        for (ImageChange change : described) {
            exchanges.add(exchangeFor(change));
        }
        int delivered = processBatch(exchanges);
        failures.report();
        return delivered;
    }

    /** The items in their order, those whose iTwin's last look-up failed moved behind the others. */
    private <T> List<T> failedLast(List<T> items, Function<T, String> iTwinId) {
        List<T> ordered = new ArrayList<>(items.size());
        List<T> failedBefore = new ArrayList<>();
        for (T item : items) {
            (failedLastTime.contains(iTwinId.apply(item)) ? failedBefore : ordered).add(item);
        }
        ordered.addAll(failedBefore);
        return ordered;
    }

    private void lookedUp(String iTwinId, LookUpFailures failures) {
        failedLastTime.remove(iTwinId);
        failures.succeeded();
    }

    private void failed(String iTwinId, ITwinException failure, LookUpFailures failures) {
        failedLastTime.add(iTwinId);
        failures.add(iTwinId, failure, 0);
    }

    /**
     * Delivers the exchanges one by one, with Camel's batch properties, until done or the consumer stops. Each goes
     * through Camel's own consumer callback, so that its failure reaches the consumer's exception handler and the
     * exchange is released; its change is recorded as seen only when the exchange completed.
     */
    @Override
    public int processBatch(Queue<Object> exchanges) throws Exception {
        int total = exchanges.size();
        int index = 0;
        for (; index < total && isBatchAllowed(); index++) {
            Exchange exchange = (Exchange) exchanges.poll();
            exchange.setProperty(ExchangePropertyKey.BATCH_INDEX, index);
            exchange.setProperty(ExchangePropertyKey.BATCH_SIZE, total);
            exchange.setProperty(ExchangePropertyKey.BATCH_COMPLETE, index == total - 1);
            pendingExchanges = total - index - 1;
            deliver(exchange);
        }
        // stopping: what was not delivered stays unrecorded and comes again after the restart
        for (Object left : exchanges) {
            releaseExchange((Exchange) left, false);
        }
        pendingExchanges = 0;
        return index;
    }

    /**
     * The current image of each watched iTwin. With {@code iTwinIds}, each is looked up on its own: one whose look-up
     * fails is left out of this poll (it is not taken for removed) and the others are observed, as a failed look-up of
     * a listed change is; a 429 past the poll's budget ends the look-ups.
     */
    private List<Observed> observe(ITwinConfiguration configuration, LookUpFailures failures) {
        ITwinPlatformClient client = getEndpoint().getClient();
        List<Observed> observed = new ArrayList<>();
        List<String> watched = failedLast(configuration.watchedITwinIds(), Function.identity());
        if (!watched.isEmpty()) {
            for (int i = 0; i < watched.size(); i++) {
                String iTwinId = watched.get(i);
                try {
                    ITwinImage image = imageOrNull(client, iTwinId);
                    lookedUp(iTwinId, failures);
                    observed.add(new Observed(iTwinId, image == null ? null : image.smallImageName(), image));
                } catch (ITwinRateLimitException pastBudget) {
                    failures.add(iTwinId, pastBudget, watched.size() - i - 1);
                    break;
                } catch (ITwinException failure) {
                    failed(iTwinId, failure, failures);
                }
            }
            return observed;
        }
        ITwinPager pages = client.pageITwins(configuration.getPageSize(), true);
        while (pages.hasNext()) {
            for (ITwinSummary iTwin : retryingAfterRateLimit(pages::next).iTwins()) {
                observed.add(new Observed(iTwin.id(), iTwin.imageName(), null));
            }
        }
        return observed;
    }

    /** The change with its image names and URLs; null when the image went away since it was observed. */
    private ImageChange describe(Observed observed, ImageChange.ChangeType type) {
        String previous = seen.previous(observed.iTwinId());
        if (type == ImageChange.ChangeType.removed) {
            return new ImageChange(observed.iTwinId(), type, null, previous, null, null, null);
        }
        ITwinImage image = observed.image() != null
                ? observed.image()
                : imageOrNull(getEndpoint().getClient(), observed.iTwinId());
        if (image == null) {
            // removed between the list and this call: nothing to describe; the next poll sees what is left
            return null;
        }
        return new ImageChange(
                observed.iTwinId(),
                type,
                image.smallImageName(),
                previous,
                image.largeImageName(),
                image.smallImageUrl(),
                image.largeImageUrl());
    }

    private ITwinImage imageOrNull(ITwinPlatformClient client, String iTwinId) {
        try {
            return retryingAfterRateLimit(() -> client.getITwinImage(iTwinId));
        } catch (ITwinApiException e) {
            if (e.getStatusCode() == 404 && ErrorCodes.IMAGE_NOT_FOUND.equals(e.getCode())) {
                return null;
            }
            throw e;
        }
    }

    /**
     * Calls again after a 429 instead of failing the poll: the client has paused the shared limiter until Retry-After,
     * so the next attempt waits for exactly that long and no request is early. A poll does so at most
     * {@code rateLimitRetriesPerPoll} times, so that a long storm fails the poll (and shows in its health check)
     * instead of holding it indefinitely.
     */
    private <T> T retryingAfterRateLimit(Supplier<T> call) {
        while (true) {
            try {
                return call.get();
            } catch (ITwinRateLimitException e) {
                if (!isRunAllowed() || rateLimitRetriesLeft <= 0) {
                    throw e;
                }
                rateLimitRetriesLeft--;
                LOG.debug("Rate limited while polling; carrying on after {}", e.getRetryAfter());
            }
        }
    }

    private Exchange exchangeFor(ImageChange change) {
        // released by deliver's callback, or at a stop, whether or not it reached the route
        Exchange exchange = createExchange(false);
        Message message = exchange.getMessage();
        message.setHeader(ITwinConstants.ITWIN_ID, change.iTwinId());
        message.setHeader(ITwinConstants.CHANGE_TYPE, change.changeType().name());
        message.setHeader(ITwinConstants.SMALL_IMAGE_NAME, change.smallImageName());
        message.setHeader(ITwinConstants.PREVIOUS_SMALL_IMAGE_NAME, change.previousSmallImageName());
        message.setHeader(ITwinConstants.LARGE_IMAGE_NAME, change.largeImageName());
        message.setHeader(ITwinConstants.SMALL_IMAGE_URL, change.smallImageUrl());
        message.setHeader(ITwinConstants.LARGE_IMAGE_URL, change.largeImageUrl());
        message.setBody(change);
        return exchange;
    }

    private void deliver(Exchange exchange) {
        ImageChange change = exchange.getMessage().getBody(ImageChange.class);
        try {
            if (getEndpoint().getConfiguration().isIncludeImageBytes() && change.smallImageName() != null) {
                // downloaded only now, so that a batch never holds more than one image's bytes
                withImageBytes(exchange, change);
            }
        } catch (RuntimeException e) {
            exchange.setException(new ITwinException(
                    "image change of iTwin " + change.iTwinId() + " not delivered, its image could not be downloaded"
                            + " (found again next poll): " + e.getMessage(),
                    e));
            // to the consumer's exception handler, and released, as a failure in the route would be
            defaultConsumerCallback(exchange, false).done(true);
            return;
        }
        inFlight.add(change.iTwinId());
        exchange.getExchangeExtension().addOnCompletion(new RecordWhenDelivered(change));
        getAsyncProcessor().process(exchange, defaultConsumerCallback(exchange, false));
    }

    private void withImageBytes(Exchange exchange, ImageChange change) {
        boolean small = getEndpoint().getConfiguration().getSize() == ImageSize.SMALL;
        DownloadedImage download =
                getEndpoint().getClient().downloadSignedUrl(small ? change.smallImageUrl() : change.largeImageUrl());
        exchange.getMessage().setBody(download.bytes());
        if (download.mediaType() != null) {
            exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, download.mediaType());
        }
    }

    /**
     * The iTwins of one poll left for the next one because their look-up failed, or was not tried after the poll's
     * 429 budget ran out. A poll that looked up some delivers what it found and says which wait; one that looked up
     * none fails, so that the consumer's health check shows it.
     */
    private static final class LookUpFailures {
        /** Enough to find them in a log line; a bulk failure is summed up after these. */
        private static final int IDS_SHOWN = 20;

        private final List<String> failed = new ArrayList<>();
        private int notTried;
        private int succeeded;
        private ITwinException first;

        void succeeded() {
            succeeded++;
        }

        /** {@code iTwinId}'s look-up failed; {@code skipped} more were then not tried in this poll. */
        void add(String iTwinId, ITwinException failure, int skipped) {
            failed.add(iTwinId);
            notTried += skipped;
            if (first == null) {
                first = failure;
            }
        }

        void report() {
            if (first == null) {
                return;
            }
            if (succeeded == 0) {
                throw first;
            }
            String shown = failed.size() <= IDS_SHOWN
                    ? String.join(", ", failed)
                    : String.join(", ", failed.subList(0, IDS_SHOWN)) + " and " + (failed.size() - IDS_SHOWN) + " more";
            LOG.info(
                    "Look-ups of {} iTwins failed ({}), {} more not tried; they wait for the next poll ({}: {}); {}"
                            + " were looked up",
                    failed.size(),
                    shown,
                    notTried,
                    first.getClass().getSimpleName(),
                    first.getMessage(),
                    succeeded);
        }
    }

    /** A change found by comparing what a poll saw with what was recorded, before its details are fetched. */
    private record Detected(Observed observed, ImageChange.ChangeType type) {}

    /** An iTwin's small image name as a poll saw it, and the full image when the poll fetched it anyway. */
    private record Observed(String iTwinId, String imageName, ITwinImage image) {}

    /** Records the change as seen once, and only if, its exchange completed. */
    private final class RecordWhenDelivered extends SynchronizationAdapter {
        private final ImageChange change;

        RecordWhenDelivered(ImageChange change) {
            this.change = change;
        }

        @Override
        public void onComplete(Exchange exchange) {
            seen.record(change.iTwinId(), change.smallImageName());
            inFlight.remove(change.iTwinId());
        }

        @Override
        public void onFailure(Exchange exchange) {
            inFlight.remove(change.iTwinId());
        }
    }
}
