package io.camelitwin.emulator;

import io.camelitwin.emulator.EmulatorState.Graphic;
import io.camelitwin.emulator.EmulatorState.GraphicsAuthentication;
import io.camelitwin.emulator.EmulatorState.GraphicsProvider;
import io.camelitwin.emulator.EmulatorState.IModel;
import io.camelitwin.emulator.EmulatorState.ITwin;
import io.camelitwin.emulator.EmulatorState.Repository;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The fixed demo world every emulator starts with (unless switched off). The ids and secrets are public on purpose:
 * they exist only inside the emulator.
 */
public final class DemoData {

    public static final String DEMO_CLIENT_ID = "itwin-emulator-demo";
    public static final String DEMO_CLIENT_SECRET = "itwin-emulator-demo-secret";
    /** A second client that sees other iTwins and iModels, for access-control tests. */
    public static final String OTHER_CLIENT_ID = "itwin-emulator-other";

    public static final String OTHER_CLIENT_SECRET = "itwin-emulator-other-secret";

    /** Demo client's iTwin that already has an image. */
    public static final String ITWIN_WITH_IMAGE = "3f1c8a52-6d0e-4b7a-9c21-5e8d7f6a0b01";
    /** Demo client's iTwins without an image. */
    public static final String ITWIN_PLAIN = "3f1c8a52-6d0e-4b7a-9c21-5e8d7f6a0b02";

    public static final String ITWIN_SPARE = "3f1c8a52-6d0e-4b7a-9c21-5e8d7f6a0b03";
    /** Seen by both clients. */
    public static final String ITWIN_SHARED = "3f1c8a52-6d0e-4b7a-9c21-5e8d7f6a0b04";
    /** Seen by the other client only. */
    public static final String ITWIN_OTHER = "3f1c8a52-6d0e-4b7a-9c21-5e8d7f6a0b05";

    /** Initialized, demo client may manage it. */
    public static final String IMODEL_INITIALIZED = "9a4e2d10-7b3c-4f5e-8a61-2c9b0d1e3f01";
    /** Not initialized: uploads answer 409. */
    public static final String IMODEL_UNINITIALIZED = "9a4e2d10-7b3c-4f5e-8a61-2c9b0d1e3f02";
    /** Demo client may only view it: uploads answer 403. */
    public static final String IMODEL_VIEW_ONLY = "9a4e2d10-7b3c-4f5e-8a61-2c9b0d1e3f03";
    /** Other client only: the demo client gets 404. */
    public static final String IMODEL_OTHER = "9a4e2d10-7b3c-4f5e-8a61-2c9b0d1e3f04";

    /** A graphics repository of {@link #ITWIN_WITH_IMAGE}, one resource per authentication type. */
    public static final String REPOSITORY_ID = "demo-imagery";
    /** A repository of {@link #ITWIN_OTHER}: not visible to the demo client. */
    public static final String OTHER_REPOSITORY_ID = "other-imagery";

    public static final String RESOURCE_HEADER_AUTH = "header-auth";
    public static final String RESOURCE_QUERY_AUTH = "query-parameter-auth";
    public static final String RESOURCE_BASIC_AUTH = "basic-auth";
    public static final String RESOURCE_NO_AUTH = "no-auth";
    public static final String RESOURCE_URL_TEMPLATE = "url-template";

    private DemoData() {}

    /** Seeds everything; the demo iTwin's image only when {@code images} is not null. */
    static void seed(EmulatorState state, ImageStore images, Instant now) {
        state.addClient(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET);
        state.addClient(OTHER_CLIENT_ID, OTHER_CLIENT_SECRET);

        state.addITwin(new ITwin(ITWIN_WITH_IMAGE, "Demo Bridge", "DEMO-001", now), DEMO_CLIENT_ID);
        state.addITwin(new ITwin(ITWIN_PLAIN, "Demo Rail Yard", "DEMO-002", now), DEMO_CLIENT_ID);
        state.addITwin(new ITwin(ITWIN_SPARE, "Demo Water Plant", "DEMO-003", now), DEMO_CLIENT_ID);
        state.addITwin(new ITwin(ITWIN_SHARED, "Shared Campus", "DEMO-004", now), DEMO_CLIENT_ID, OTHER_CLIENT_ID);
        state.addITwin(new ITwin(ITWIN_OTHER, "Other Tunnel", "OTHER-001", now), OTHER_CLIENT_ID);

        if (images != null) {
            BufferedImage picture = demoPicture();
            images.store(ITWIN_WITH_IMAGE, ImageProcessing.encode(picture, ImageType.PNG), ImageType.PNG, picture);
        }

        state.addIModel(new IModel(IMODEL_INITIALIZED, ITWIN_WITH_IMAGE, "Bridge model", true));
        state.addIModel(new IModel(IMODEL_UNINITIALIZED, ITWIN_WITH_IMAGE, "Empty model", false));
        state.addIModel(new IModel(IMODEL_VIEW_ONLY, ITWIN_SHARED, "Campus model", true));
        state.addIModel(new IModel(IMODEL_OTHER, ITWIN_OTHER, "Tunnel model", true));
        state.grantIModel(IMODEL_INITIALIZED, DEMO_CLIENT_ID, IModelAccess.MANAGE);
        state.grantIModel(IMODEL_UNINITIALIZED, DEMO_CLIENT_ID, IModelAccess.MANAGE);
        state.grantIModel(IMODEL_VIEW_ONLY, DEMO_CLIENT_ID, IModelAccess.VIEW);
        state.grantIModel(IMODEL_VIEW_ONLY, OTHER_CLIENT_ID, IModelAccess.MANAGE);
        state.grantIModel(IMODEL_OTHER, OTHER_CLIENT_ID, IModelAccess.MANAGE);

        String tiles = "https://tiles.emulator.invalid/";
        state.addRepository(new Repository(
                REPOSITORY_ID,
                ITWIN_WITH_IMAGE,
                Map.of(
                        RESOURCE_HEADER_AUTH,
                                List.of(new Graphic(
                                        "IMAGERY",
                                        tiles + "imagery/header/",
                                        new GraphicsAuthentication(
                                                "Header",
                                                "Authorization",
                                                "Bearer " + state.nextSecretValue(),
                                                null,
                                                null),
                                        null)),
                        RESOURCE_QUERY_AUTH,
                                List.of(new Graphic(
                                        "3DTILES",
                                        tiles + "mesh/tileset.json",
                                        new GraphicsAuthentication(
                                                "QueryParameter", "key", state.nextSecretValue(), null, null),
                                        null)),
                        RESOURCE_BASIC_AUTH,
                                List.of(new Graphic(
                                        "TERRAIN",
                                        tiles + "terrain/",
                                        new GraphicsAuthentication(
                                                "Basic", null, null, "emulator-user", state.nextSecretValue()),
                                        null)),
                        RESOURCE_NO_AUTH,
                                List.of(new Graphic("GEOJSON", tiles + "features/parcels.geojson", null, null)),
                        RESOURCE_URL_TEMPLATE,
                                List.of(new Graphic(
                                        "IMAGERY",
                                        tiles + "osm/{z}/{x}/{y}.png",
                                        null,
                                        new GraphicsProvider(
                                                "UrlTemplateImageryProvider",
                                                Map.of(
                                                        "bounds", List.of(-180.0, -85.0511, 180.0, 85.0511),
                                                        "tilingScheme", "WebMercatorTilingScheme",
                                                        "credit", "Emulated tiles, no real map data")))))));
        state.addRepository(new Repository(
                OTHER_REPOSITORY_ID,
                ITWIN_OTHER,
                Map.of(RESOURCE_NO_AUTH, List.of(new Graphic("KML", tiles + "other/route.kml", null, null)))));
    }

    private static BufferedImage demoPicture() {
        BufferedImage image = new BufferedImage(1200, 800, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(new Color(0x87, 0xCE, 0xEB));
            g.fillRect(0, 0, 1200, 800);
            g.setColor(new Color(0x55, 0x6B, 0x2F));
            g.fillRect(0, 560, 1200, 240);
            g.setColor(Color.DARK_GRAY);
            g.fillRect(100, 380, 1000, 40);
            for (int x = 150; x < 1100; x += 200) {
                g.fillRect(x, 420, 30, 140);
            }
        } finally {
            g.dispose();
        }
        return image;
    }
}
