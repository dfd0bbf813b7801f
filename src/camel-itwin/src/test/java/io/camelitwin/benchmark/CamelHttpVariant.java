package io.camelitwin.benchmark;

import java.io.InputStream;
import java.nio.file.Path;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * (b) What a Camel user writes without the component: camel-http, the bearer header set by hand from a token fetched
 * once, the JSON answer parsed in a processor.
 */
final class CamelHttpVariant implements Variant {

    private final CamelContext context = new DefaultCamelContext();
    private final ProducerTemplate template;
    private final UploadBody uploadBody = UploadBody.chosen();

    CamelHttpVariant(PlatformSession session) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:upload")
                        .setHeader(Exchange.HTTP_METHOD, constant("PUT"))
                        .setHeader(Exchange.CONTENT_TYPE, constant("image/png"))
                        .to("direct:platform")
                        .process(e -> imageField(e, "largeImageName"));
                from("direct:get")
                        .setHeader(Exchange.HTTP_METHOD, constant("GET"))
                        .to("direct:platform")
                        .process(e -> imageField(e, "smallImageName"));
                from("direct:platform")
                        .setHeader(Exchange.HTTP_PATH, simple("/itwins/${exchangeProperty.iTwinId}/image"))
                        .setHeader("Authorization", constant("Bearer " + session.token()))
                        .setHeader("Accept", constant(ACCEPT))
                        .to(session.baseUrl());
            }
        });
        context.start();
        template = context.createProducerTemplate();
    }

    private static void imageField(Exchange exchange, String field) throws Exception {
        try (InputStream body = exchange.getMessage().getMandatoryBody(InputStream.class)) {
            exchange.getMessage()
                    .setBody(PlatformSession.JSON
                            .readTree(body)
                            .path("image")
                            .path(field)
                            .asText());
        }
    }

    @Override
    public String name() {
        return "b: camel-http route";
    }

    @Override
    public String upload(String iTwinId, Path png) throws Exception {
        Object body = uploadBody.open(png);
        try {
            return call("direct:upload", iTwinId, body);
        } finally {
            UploadBody.close(body);
        }
    }

    @Override
    public String getImage(String iTwinId) {
        return call("direct:get", iTwinId, null);
    }

    private String call(String uri, String iTwinId, Object body) {
        Exchange done = template.send(uri, exchange -> {
            exchange.setProperty("iTwinId", iTwinId);
            exchange.getMessage().setBody(body);
        });
        if (done.getException() != null) {
            throw new IllegalStateException(done.getException());
        }
        return done.getMessage().getBody(String.class);
    }

    @Override
    public void close() throws Exception {
        context.close();
    }
}
