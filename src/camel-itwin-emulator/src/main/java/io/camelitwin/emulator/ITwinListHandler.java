package io.camelitwin.emulator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;

/** {@code GET /itwins}: the caller's iTwins, paged with {@code $top}/{@code $skip} and capped by X-Max-Return. */
final class ITwinListHandler {

    static final int DEFAULT_TOP = 1000;
    static final int MAX_TOP = 1000;
    static final int DEFAULT_MAX_RETURN = 1000;
    static final int MAX_MAX_RETURN = 10_000;

    private final EmulatorState state;
    private final ImageStore images;
    private final BlobSigner signer;

    ITwinListHandler(EmulatorState state, ImageStore images, BlobSigner signer) {
        this.state = state;
        this.images = images;
        this.signer = signer;
    }

    void list(ApiExchange call) throws IOException {
        int top = integer(call.query("$top"), DEFAULT_TOP, 1, MAX_TOP, "$top");
        int skip = integer(call.query("$skip"), 0, 0, Integer.MAX_VALUE, "$skip");
        int maxReturn = integer(call.header("X-Max-Return"), DEFAULT_MAX_RETURN, 1, MAX_MAX_RETURN, "X-Max-Return");
        String prefer = call.header("Prefer");
        boolean representation = prefer != null && prefer.replace(" ", "").contains("return=representation");

        NavigableSet<String> ids = state.iTwinIdsOf(call.clientId());
        int end = Math.min(ids.size(), maxReturn);
        String baseUrl = call.baseUrl();
        List<Map<String, Object>> page = new ArrayList<>();
        ids.stream()
                .skip(skip)
                .limit(Math.max(0, Math.min(top, end - skip)))
                .forEach(id -> state.iTwin(id).ifPresent(iTwin -> page.add(view(iTwin, representation, baseUrl))));

        Map<String, Object> links = new LinkedHashMap<>();
        links.put("self", link(baseUrl, top, skip));
        if (skip > 0) {
            links.put("prev", link(baseUrl, top, Math.max(0, skip - top)));
        }
        if ((long) skip + top < end) {
            links.put("next", link(baseUrl, top, skip + top));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("iTwins", page);
        body.put("_links", links);
        call.respondJson(200, body);
    }

    private Map<String, Object> view(EmulatorState.ITwin iTwin, boolean representation, String baseUrl) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", iTwin.id());
        view.put("class", "Endeavor");
        view.put("subClass", "Project");
        view.put("number", iTwin.number());
        view.put("displayName", iTwin.displayName());
        if (representation) {
            view.put("status", "Active");
            view.put("dataCenterLocation", "East US");
            view.put("createdDateTime", iTwin.createdDateTime().toString());
            ImageStore.StoredImage image = images.find(iTwin.id()).orElse(null);
            view.put(
                    "image",
                    image == null ? null : signer.signedUrl(baseUrl, ImageStore.SMALL_CONTAINER, image.smallName()));
            view.put("imageName", image == null ? null : image.smallName());
        }
        return view;
    }

    private static Map<String, String> link(String baseUrl, int top, int skip) {
        return Map.of("href", baseUrl + "/itwins?$top=" + top + "&$skip=" + skip);
    }

    private static int integer(String raw, int fallback, int min, int max, String name) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below like an out-of-range value
        }
        throw ErrorResponses.invalidITwinsRequest(
                "Cannot query iTwins.",
                ErrorResponses.invalidValue(
                        name,
                        "'" + raw + "' is not a valid '" + name + "'. It must be a whole number from " + min + " to "
                                + max + "."));
    }
}
