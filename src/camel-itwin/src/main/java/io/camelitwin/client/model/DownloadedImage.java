package io.camelitwin.client.model;

/**
 * The bytes behind a signed image URL, with the media type the blob store declared for them.
 *
 * @param mediaType the {@code Content-Type} the blob store sent, without parameters; null when it sent none
 */
public record DownloadedImage(byte[] bytes, String mediaType) {

    @Override
    public String toString() {
        return "DownloadedImage[" + bytes.length + " bytes, mediaType=" + mediaType + "]";
    }
}
