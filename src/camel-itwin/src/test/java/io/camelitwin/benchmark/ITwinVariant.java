package io.camelitwin.benchmark;

import io.camelitwin.client.model.ITwinImage;
import io.camelitwin.component.ITwinComponent;
import io.camelitwin.component.ITwinConfiguration;
import io.camelitwin.component.ITwinConstants;
import io.camelitwin.emulator.DemoData;
import java.nio.file.Path;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * (c) The {@code itwin:} component as configured for production: client credentials (token cached by the component),
 * its own rate limiter on the path (set far above what the run reaches, so it never waits).
 */
final class ITwinVariant implements Variant {

    private final CamelContext context = new DefaultCamelContext();
    private final ProducerTemplate template;
    private final UploadBody uploadBody = UploadBody.chosen();

    ITwinVariant(PlatformSession session) throws Exception {
        ITwinComponent component = new ITwinComponent();
        ITwinConfiguration configuration = component.getConfiguration();
        configuration.setBaseUrl(session.baseUrl());
        configuration.setTokenUrl(session.tokenUrl());
        configuration.setClientId(DemoData.DEMO_CLIENT_ID);
        configuration.setClientSecret(DemoData.DEMO_CLIENT_SECRET);
        component.setRequestsPerMinute(100_000_000);
        component.setRequestsPerHour(0);
        context.addComponent("itwin", component);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:upload").to("itwin:uploadImage");
                from("direct:get").to("itwin:getImage");
            }
        });
        context.start();
        template = context.createProducerTemplate();
    }

    @Override
    public String name() {
        return "c: itwin:";
    }

    @Override
    public String upload(String iTwinId, Path png) throws Exception {
        Object body = uploadBody.open(png);
        try {
            return call("direct:upload", iTwinId, body).largeImageName();
        } finally {
            UploadBody.close(body);
        }
    }

    @Override
    public String getImage(String iTwinId) {
        return call("direct:get", iTwinId, null).smallImageName();
    }

    private ITwinImage call(String uri, String iTwinId, Object body) {
        Exchange done = template.send(uri, exchange -> {
            exchange.getMessage().setHeader(ITwinConstants.ITWIN_ID, iTwinId);
            exchange.getMessage().setBody(body);
        });
        if (done.getException() != null) {
            throw new IllegalStateException(done.getException());
        }
        return done.getMessage().getBody(ITwinImage.class);
    }

    @Override
    public void close() throws Exception {
        context.close();
    }
}
