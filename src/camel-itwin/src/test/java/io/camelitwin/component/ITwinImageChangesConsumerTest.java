package io.camelitwin.component;

import static io.camelitwin.component.ITwinConstants.CHANGE_TYPE;
import static io.camelitwin.component.ITwinConstants.ITWIN_ID;
import static io.camelitwin.component.ITwinConstants.PREVIOUS_SMALL_IMAGE_NAME;
import static io.camelitwin.component.ITwinConstants.SMALL_IMAGE_NAME;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ITwinImageChangesConsumerTest extends ImageChangesTestSupport {

    @Test
    void uploadsBetweenPollsAreChangedEventsWithBothNamesAndComeOnce() throws Exception {
        List<String> iTwins = emulator().seedITwins(clientId, 20);
        List<String> touched = iTwins.subList(5, 8);
        Map<String, String> before = touched.stream().collect(Collectors.toMap(Function.identity(), this::upload));
        watch("startFrom=now");
        assertThat(pollEvents()).isEmpty();

        Map<String, String> after = touched.stream().collect(Collectors.toMap(Function.identity(), this::upload));
        List<Exchange> events = pollEvents();

        assertThat(events).hasSize(3);
        for (Exchange event : events) {
            String iTwinId = header(event, ITWIN_ID);
            assertThat(touched).contains(iTwinId);
            assertThat(header(event, CHANGE_TYPE)).isEqualTo("changed");
            assertThat(header(event, SMALL_IMAGE_NAME)).isEqualTo(after.get(iTwinId));
            assertThat(header(event, PREVIOUS_SMALL_IMAGE_NAME)).isEqualTo(before.get(iTwinId));
            assertThat(event.getMessage().getBody()).isInstanceOf(ImageChange.class);
        }
        assertThat(pollEvents()).isEmpty();
        assertThat(pollEvents()).isEmpty();
        assertThat(errorCount()).isZero();
    }

    @Test
    void aDeletedImageIsOneRemovedEvent() throws Exception {
        String iTwinId = emulator().seedITwins(clientId, 2).get(0);
        String name = upload(iTwinId);
        watch("startFrom=now");
        pollEvents();

        deleteImage(iTwinId);
        List<Exchange> events = pollEvents();

        assertThat(events).singleElement().satisfies(event -> {
            assertThat(header(event, ITWIN_ID)).isEqualTo(iTwinId);
            assertThat(header(event, CHANGE_TYPE)).isEqualTo("removed");
            assertThat(header(event, PREVIOUS_SMALL_IMAGE_NAME)).isEqualTo(name);
            assertThat(header(event, SMALL_IMAGE_NAME)).isNull();
        });
        assertThat(pollEvents()).isEmpty();
    }

    @Test
    void iTwinIdsWatchesOnlyTheListedITwinsWithoutListing() throws Exception {
        List<String> iTwins = emulator().seedITwins(clientId, 4);
        watch("startFrom=now&iTwinIds=" + iTwins.get(0) + "," + iTwins.get(1));
        pollEvents();

        upload(iTwins.get(0));
        upload(iTwins.get(2));
        List<Exchange> events = pollEvents();

        assertThat(events).singleElement().satisfies(event -> {
            assertThat(header(event, ITWIN_ID)).isEqualTo(iTwins.get(0));
            assertThat(header(event, CHANGE_TYPE)).isEqualTo("added");
        });
        assertThat(gets())
                .noneMatch(ImageChangesTestSupport::isList)
                .allMatch(r -> r.path().equals("/itwins/" + iTwins.get(0) + "/image")
                        || r.path().equals("/itwins/" + iTwins.get(1) + "/image"));
    }

    @Test
    void startFromBeginningEmitsEveryCurrentImageAsAdded() throws Exception {
        List<String> iTwins = emulator().seedITwins(clientId, 4);
        Map<String, String> names =
                iTwins.subList(0, 2).stream().collect(Collectors.toMap(Function.identity(), this::upload));
        watch("startFrom=beginning");

        List<Exchange> events = pollEvents();

        assertThat(events).hasSize(2).allSatisfy(event -> {
            assertThat(header(event, CHANGE_TYPE)).isEqualTo("added");
            assertThat(header(event, SMALL_IMAGE_NAME)).isEqualTo(names.get(header(event, ITWIN_ID)));
            assertThat(header(event, PREVIOUS_SMALL_IMAGE_NAME)).isNull();
        });
        assertThat(pollEvents()).isEmpty();
    }

    @Test
    void startFromNowEmitsNothingOnTheFirstPoll() throws Exception {
        List<String> iTwins = emulator().seedITwins(clientId, 4);
        upload(iTwins.get(0));
        watch("startFrom=now");

        assertThat(pollEvents()).isEmpty();
        upload(iTwins.get(1));
        assertThat(pollEvents())
                .singleElement()
                .satisfies(event -> assertThat(header(event, ITWIN_ID)).isEqualTo(iTwins.get(1)));
    }

    @Test
    void aRestartWithTheSameStateFileEmitsOnlyWhatChangedWhileDown(@TempDir Path directory) throws Exception {
        List<String> iTwins = emulator().seedITwins(clientId, 3);
        String kept = upload(iTwins.get(0));
        String options = "startFrom=now&stateFile=" + directory.resolve("seen.dat");
        watch(options);
        assertThat(pollEvents()).isEmpty();
        upload(iTwins.get(1));
        assertThat(pollEvents()).hasSize(1);
        stopWatching();

        String changedWhileDown = upload(iTwins.get(0));
        String newITwin = emulator().seedITwins(clientId, 1).get(0);
        String addedWhileDown = upload(newITwin);
        watch(options);
        Map<String, Exchange> events =
                pollEvents().stream().collect(Collectors.toMap(event -> header(event, ITWIN_ID), Function.identity()));

        assertThat(events).containsOnlyKeys(iTwins.get(0), newITwin);
        assertThat(events.get(iTwins.get(0))).satisfies(event -> {
            assertThat(header(event, CHANGE_TYPE)).isEqualTo("changed");
            assertThat(header(event, SMALL_IMAGE_NAME)).isEqualTo(changedWhileDown);
            assertThat(header(event, PREVIOUS_SMALL_IMAGE_NAME)).isEqualTo(kept);
        });
        assertThat(events.get(newITwin)).satisfies(event -> {
            assertThat(header(event, CHANGE_TYPE)).isEqualTo("added");
            assertThat(header(event, SMALL_IMAGE_NAME)).isEqualTo(addedWhileDown);
        });
        assertThat(pollEvents()).isEmpty();
    }

    @Test
    void aFailedDeliveryComesAgainOnTheNextPollAndNotAfterItSucceeded() throws Exception {
        String iTwinId = emulator().seedITwins(clientId, 2).get(0);
        watch("startFrom=now");
        pollEvents();
        AtomicBoolean failed = new AtomicBoolean();
        downstream = exchange -> {
            if (failed.compareAndSet(false, true)) {
                throw new IllegalStateException("downstream failed once");
            }
        };
        String name = upload(iTwinId);

        assertThat(pollEvents()).isEmpty();
        assertThat(errorCount()).isEqualTo(1);
        assertThat(pollEvents())
                .singleElement()
                .satisfies(event -> assertThat(header(event, SMALL_IMAGE_NAME)).isEqualTo(name));
        assertThat(pollEvents()).isEmpty();
        assertThat(errorCount()).isEqualTo(1);
    }

    @Test
    void includeImageBytesDeliversTheChosenRendition() throws Exception {
        List<String> iTwins = emulator().seedITwins(clientId, 2);
        upload(iTwins.get(0));
        watch("startFrom=beginning&includeImageBytes=true&size=small");
        assertThat(pollEvents())
                .singleElement()
                .satisfies(event -> assertThat(event.getMessage().getBody(byte[].class))
                        .isEqualTo(emulator().iTwinSmallImage(iTwins.get(0)).orElseThrow()));
        stopWatching();

        upload(iTwins.get(1));
        watch("startFrom=beginning&includeImageBytes=true&size=large");
        assertThat(pollEvents())
                .hasSize(2)
                .allSatisfy(event -> assertThat(event.getMessage().getBody(byte[].class))
                        .isEqualTo(
                                emulator().iTwinImage(header(event, ITWIN_ID)).orElseThrow()));
    }

    @Test
    void aPollIsABatchWithCamelsBatchProperties() throws Exception {
        List<String> iTwins = emulator().seedITwins(clientId, 5);
        iTwins.subList(0, 3).forEach(this::upload);
        watch("startFrom=beginning");

        List<Exchange> events = pollEvents();

        assertThat(events).hasSize(3);
        for (int index = 0; index < 3; index++) {
            Exchange event = events.get(index);
            assertThat(event.getProperty(Exchange.BATCH_INDEX, Integer.class)).isEqualTo(index);
            assertThat(event.getProperty(Exchange.BATCH_SIZE, Integer.class)).isEqualTo(3);
            assertThat(event.getProperty(Exchange.BATCH_COMPLETE, Boolean.class))
                    .isEqualTo(index == 2);
        }
    }

    @Test
    void maxMessagesPerPollLeavesTheRestForTheNextPollsWithoutLookingThemUp() throws Exception {
        List<String> iTwins = emulator().seedITwins(clientId, 6);
        iTwins.subList(0, 5).forEach(this::upload);
        watch("startFrom=beginning&maxMessagesPerPoll=2");
        int before = gets().size();

        List<Exchange> first = pollEvents();
        ImageChangesAtScaleTest.Gets firstCost = ImageChangesAtScaleTest.Gets.of(gets().subList(before, gets().size()));
        List<Exchange> second = pollEvents();
        List<Exchange> third = pollEvents();

        assertThat(first)
                .hasSize(2)
                .allSatisfy(event ->
                        assertThat(event.getProperty(Exchange.BATCH_SIZE)).isEqualTo(2));
        assertThat(firstCost).isEqualTo(new ImageChangesAtScaleTest.Gets(1, 2));
        assertThat(second).hasSize(2);
        assertThat(third).hasSize(1);
        assertThat(pollEvents()).isEmpty();
        assertThat(List.of(first, second, third).stream().flatMap(List::stream).map(event -> header(event, ITWIN_ID)))
                .containsExactlyInAnyOrderElementsOf(iTwins.subList(0, 5));
    }
}
