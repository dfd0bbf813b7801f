package io.camelitwin.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camelitwin.app.routes.ImageTargets;
import io.camelitwin.client.error.ITwinValidationException;
import io.camelitwin.component.ITwinConstants;
import io.camelitwin.component.ITwinOperations;
import org.apache.camel.Message;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageTargetsTest {

    private static final String ID = "3fa85f64-5717-4562-b3fc-2c963f66afa6";
    private static DefaultCamelContext camel;

    private final ImageTargets targets = new ImageTargets();

    @BeforeAll
    static void startCamel() {
        camel = new DefaultCamelContext();
    }

    @AfterAll
    static void stopCamel() throws Exception {
        camel.close();
    }

    @Test
    void anITwinFolderNamesTheITwinAndTheExtensionTheMediaType() {
        Message message = new DefaultMessage(camel);

        targets.fromPath("itwins/" + ID + "/Site Photo.JPG", message);

        assertThat(message.getHeader(ITwinConstants.OPERATION)).isEqualTo(ITwinOperations.uploadImage);
        assertThat(message.getHeader(ITwinConstants.ITWIN_ID)).isEqualTo(ID);
        assertThat(message.getHeader(ITwinConstants.CONTENT_TYPE)).isEqualTo("image/jpeg");
    }

    @Test
    void anIModelFolderNamesTheIModel() {
        Message message = new DefaultMessage(camel);

        targets.fromPath("imodels/" + ID + "/thumb.png", message);

        assertThat(message.getHeader(ITwinConstants.OPERATION)).isEqualTo(ITwinOperations.uploadThumbnail);
        assertThat(message.getHeader(ITwinConstants.IMODEL_ID)).isEqualTo(ID);
        assertThat(message.getHeader(ITwinConstants.CONTENT_TYPE)).isEqualTo("image/png");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "site.png",
                "itwins/site.png",
                "itwins/" + ID + "/sub/site.png",
                "itwins/" + ID + "/..",
                "itwins/../site.png",
                "itwins//site.png",
                "itwins/" + ID + "/..\\..\\site.png",
                "projects/" + ID + "/site.png",
                "itwins/" + ID + "/site.gif",
                "itwins/" + ID + "/site",
                "itwins/" + ID + "/line\nbreak.png",
                "itwins/" + ID + "/tab\t.png"
            })
    void anythingElseIsRefusedBeforeAnyRequest(String path) {
        Message message = new DefaultMessage(camel);

        assertThatThrownBy(() -> targets.fromPath(path, message))
                .isInstanceOf(ITwinValidationException.class)
                .hasMessageNotContaining(path);
        assertThat(message.getHeaders()).isEmpty();
    }

    @Test
    void aPrintableKeyHasNoControlCharacterLeft() {
        assertThat(targets.printable("inbox/itwins/" + ID + "/line\nforged\r.png"))
                .isEqualTo("inbox/itwins/" + ID + "/line_forged_.png");
        assertThat(targets.printable("inbox/Ünïcødé 北京.png")).isEqualTo("inbox/Ünïcødé 北京.png");
    }

    @Test
    void theWatchedRootIsCutOffThePath() {
        assertThat(targets.relativeTo("inbox/itwins/" + ID + "/a.png", "inbox/"))
                .isEqualTo("itwins/" + ID + "/a.png");
        assertThatThrownBy(() -> targets.relativeTo("elsewhere/a.png", "inbox/"))
                .isInstanceOf(ITwinValidationException.class);
    }

    @Test
    void aMessageNamesItsOperationAndTarget() {
        Message message = new DefaultMessage(camel);

        targets.fromMessage("uploadThumbnail", ID, null, message);

        assertThat(message.getHeader(ITwinConstants.OPERATION)).isEqualTo(ITwinOperations.uploadThumbnail);
        assertThat(message.getHeader(ITwinConstants.IMODEL_ID)).isEqualTo(ID);
        assertThat(message.getHeader(ITwinConstants.CONTENT_TYPE)).isNull();
    }

    @Test
    void aMessageCannotChooseAnotherOperationNorLeaveItsTargetOut() {
        Message message = new DefaultMessage(camel);

        assertThatThrownBy(() -> targets.fromMessage(null, ID, null, message))
                .isInstanceOf(ITwinValidationException.class)
                .hasMessageContaining("no itwinOperation");
        assertThatThrownBy(() -> targets.fromMessage("deleteImage", ID, null, message))
                .isInstanceOf(ITwinValidationException.class)
                .hasMessageContaining("uploadImage or uploadThumbnail");
        assertThatThrownBy(() -> targets.fromMessage("uploadImage", " ", null, message))
                .isInstanceOf(ITwinValidationException.class)
                .hasMessageContaining("no itwinTargetId");
        assertThat(message.getHeaders()).isEmpty();
    }
}
