package io.camelitwin.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camelitwin.client.error.ITwinValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class IdsTest {

    @Test
    void guidIsTrimmedAndLowerCased() {
        assertThat(Ids.requireGuid("iTwinId", " 3FA85F64-5717-4562-B3FC-2C963F66AFA6 "))
                .isEqualTo("3fa85f64-5717-4562-b3fc-2c963f66afa6");
    }

    @Test
    void guidErrorNamesTheFieldAndShowsTheValue() {
        assertThatThrownBy(() -> Ids.requireGuid("iTwinId", "../../admin"))
                .isInstanceOf(ITwinValidationException.class)
                .hasMessage("iTwinId must be a GUID like 3fa85f64-5717-4562-b3fc-2c963f66afa6, was '../../admin'")
                .extracting(e -> ((ITwinValidationException) e).getField())
                .isEqualTo("iTwinId");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                " ",
                "3fa85f64571745 62b3fc2c963f66afa6",
                "3fa85f64-5717-4562-b3fc-2c963f66afa",
                "3fa85f64-5717-4562-b3fc-2c963f66afa6/x",
                "{3fa85f64-5717-4562-b3fc-2c963f66afa6}",
                "gfa85f64-5717-4562-b3fc-2c963f66afa6",
                "3fa85f64-5717-4562-b3fc-2c963f66afa6\u00a0x"
            })
    void nonGuidsAreRefused(String value) {
        assertThatThrownBy(() -> Ids.requireGuid("iModelId", value))
                .isInstanceOf(ITwinValidationException.class)
                .hasMessageStartingWith("iModelId must be a GUID");
    }

    @Test
    void shownValueIsCappedAndStrippedOfControlCharacters() {
        String hostile = "evil\r\nX-Injected: yes" + "a".repeat(1000);
        assertThatThrownBy(() -> Ids.requireGuid("iTwinId", hostile))
                .hasMessageNotContaining("\r")
                .hasMessageNotContaining("\n")
                .hasMessageContaining("'evilX-Injected: yes")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(200));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "A-b_c.d~e", "0", "...", "a..b", "res.json"})
    void safeSegmentsAreReturnedUnchanged(String value) {
        assertThat(Ids.requirePathSegment("resourceId", value)).isEqualTo(value);
    }

    @Test
    void segmentOfExactlyTheMaximumLengthIsAccepted() {
        String max = "a".repeat(Ids.MAX_SEGMENT_LENGTH);
        assertThat(Ids.requirePathSegment("resourceId", max)).isEqualTo(max);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                ".",
                "..",
                "a/b",
                "a\\b",
                "a?b=1",
                "a#frag",
                "a%2Fb",
                "a b",
                " a",
                "a\tb",
                "a\u0000b",
                "caf\u00e9",
                "a;b",
                "a&b"
            })
    void segmentsThatCouldChangeTheUrlAreRefused(String value) {
        assertThatThrownBy(() -> Ids.requirePathSegment("repositoryId", value))
                .isInstanceOf(ITwinValidationException.class)
                .hasMessageStartingWith("repositoryId must")
                .extracting(e -> ((ITwinValidationException) e).getField())
                .isEqualTo("repositoryId");
    }

    @Test
    void overlongSegmentIsRefused() {
        assertThatThrownBy(() -> Ids.requirePathSegment("resourceId", "a".repeat(Ids.MAX_SEGMENT_LENGTH + 1)))
                .isInstanceOf(ITwinValidationException.class)
                .hasMessageContaining("at most 256 characters, was 257");
    }
}
