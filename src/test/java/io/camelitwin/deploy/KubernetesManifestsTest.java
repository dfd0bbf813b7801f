package io.camelitwin.deploy;

import static io.camelitwin.deploy.RenderedManifests.elements;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Renders k8s/ with {@code kubectl kustomize} (Debian's kubernetes-client; .ci/run installs it) and checks the wiring
 * that a cluster would only reveal at deploy time: probes on the health endpoints and a declared port, Secrets and
 * ConfigMaps that exist with the keys asked for, the configuration identical to the repository's own files, mounts
 * (read-only configuration, writable volumes only where the routes write), the lease permissions, the image, and
 * the security context.
 */
class KubernetesManifestsTest {

    private static final Path K8S = Path.of("k8s");
    private static final String APP = "camel-itwin";
    /** Secrets the platform overlay expects to be created outside git (docs/scale-out.md): referenced, never rendered. */
    private static final Set<String> SECRETS_MADE_OUTSIDE_GIT = Set.of("camel-itwin-credentials", "camel-itwin-broker");

    private static RenderedManifests emulatorDemo;
    private static RenderedManifests platform;

    private static final String NO_KUBECTL = "SKIPPED: kubectl not found on the PATH, so the k8s/ manifests were not"
            + " rendered nor checked (apt-get install kubernetes-client; .ci/run does)";

    @BeforeAll
    static void render() throws Exception {
        Path kubectl = RenderedManifests.kubectl().orElse(null);
        if (kubectl == null) {
            // no registry ships kubectl: a developer's machine may lack it, CI installs it and must not skip silently
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(NO_KUBECTL.replace("SKIPPED", "CI=true") + ": CI must check them");
            }
            return;
        }
        emulatorDemo = RenderedManifests.render(kubectl, K8S.resolve("overlays/emulator-demo"));
        platform = RenderedManifests.render(kubectl, K8S.resolve("overlays/platform"));
    }

    /** Each test, not the class, is skipped, so that the report counts them and shows why. */
    @BeforeEach
    void requireKubectl() {
        if (emulatorDemo == null) {
            System.err.println(NO_KUBECTL);
        }
        Assumptions.assumeTrue(emulatorDemo != null, NO_KUBECTL);
    }

    @Test
    void probesAskTheQuarkusHealthEndpointsOnTheDeclaredPort() {
        for (RenderedManifests overlay : overlays()) {
            JsonNode container = appContainer(overlay);
            Map<String, Integer> ports = elements(container.path("ports")).stream()
                    .collect(Collectors.toMap(
                            p -> p.path("name").asText(),
                            p -> p.path("containerPort").asInt()));
            assertThat(ports).containsEntry("http", 8080);
            assertThat(container
                            .path("livenessProbe")
                            .path("httpGet")
                            .path("path")
                            .asText())
                    .isEqualTo("/q/health/live");
            assertThat(container
                            .path("readinessProbe")
                            .path("httpGet")
                            .path("path")
                            .asText())
                    .isEqualTo("/q/health/ready");
            assertThat(container
                            .path("startupProbe")
                            .path("httpGet")
                            .path("path")
                            .asText())
                    .isEqualTo("/q/health/started");
            for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
                assertThat(ports)
                        .containsKey(container
                                .path(probe)
                                .path("httpGet")
                                .path("port")
                                .asText());
            }
            JsonNode service = overlay.get("Service", APP);
            assertThat(ports).containsKey(service.at("/spec/ports/0/targetPort").asText());
            assertThat(podLabels(overlay)).containsAllEntriesOf(labels(service.at("/spec/selector")));
        }
    }

    @Test
    void everySecretReferenceFindsItsSecretAndKey() {
        for (RenderedManifests overlay : overlays()) {
            for (JsonNode deployment : overlay.ofKind("Deployment")) {
                for (JsonNode reference : deployment.findValues("secretKeyRef")) {
                    String name = reference.path("name").asText();
                    if (overlay == platform) {
                        assertThat(SECRETS_MADE_OUTSIDE_GIT).contains(name);
                        assertThat(overlay.find("Secret", name))
                                .as("no Secret of the platform is rendered")
                                .isEmpty();
                    } else {
                        JsonNode secret = overlay.get("Secret", name);
                        assertThat(secretKeys(secret))
                                .contains(reference.path("key").asText());
                    }
                }
            }
        }
    }

    @Test
    void demoSecretIsEmptySoThatTheApplicationRunsItsEmbeddedEmulator() {
        JsonNode secret = emulatorDemo.get("Secret", "camel-itwin-credentials");
        assertThat(secret.path("stringData").path("client-id").asText()).isEmpty();
        assertThat(secret.path("stringData").path("client-secret").asText()).isEmpty();
        assertThat(emulatorDemo.get("Deployment", APP).at("/spec/replicas").asInt())
                .isEqualTo(1);
    }

    @Test
    void everyOverlayChoosesItsPlatformExplicitly() {
        assertThat(envValue(platform, "ITWIN_PLATFORM")).isEqualTo("bentley");
        assertThat(envValue(emulatorDemo, "ITWIN_PLATFORM")).isEqualTo("emulator");
    }

    @Test
    void configMapsHoldTheRepositorysOwnConfigurationAndEveryRoute() throws IOException {
        Map<String, String> routes = new TreeMap<>();
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                routes.put(file.getFileName().toString(), Files.readString(file));
            }
        }
        String properties = Files.readString(Path.of("application.properties"));
        for (RenderedManifests overlay : overlays()) {
            JsonNode config = overlay.generatedConfigMap("camel-itwin-config");
            assertThat(config.at("/data/application.properties").asText())
                    .as(
                            "k8s/base/config/application.properties is a copy of the root one: a developer build refreshes it")
                    .isEqualTo(properties);
            JsonNode routesMap = overlay.generatedConfigMap("camel-itwin-routes");
            Map<String, String> rendered = new TreeMap<>();
            routesMap
                    .path("data")
                    .fields()
                    .forEachRemaining(e -> rendered.put(e.getKey(), e.getValue().asText()));
            assertThat(rendered)
                    .as(
                            "every routes/*.yaml, listed in k8s/base/kustomization.yaml and copied to k8s/base/config/routes")
                    .isEqualTo(routes);

            Map<String, String> configMapVolumes = new HashMap<>();
            for (JsonNode volume : elements(podSpec(overlay).path("volumes"))) {
                if (volume.has("configMap")) {
                    configMapVolumes.put(
                            volume.path("name").asText(),
                            volume.at("/configMap/name").asText());
                }
            }
            assertThat(configMapVolumes.values())
                    .containsExactlyInAnyOrder(
                            config.at("/metadata/name").asText(),
                            routesMap.at("/metadata/name").asText());
            Map<String, String> mounts = mountPaths(appContainer(overlay));
            assertThat(mounts.get(volumeOfConfigMap(overlay, config))).isEqualTo("/deployments/config");
            assertThat(mounts.get(volumeOfConfigMap(overlay, routesMap))).isEqualTo("/deployments/routes");
        }
    }

    @Test
    void onlyDataVolumesAreWritableAndTheRootFileSystemIsNot() {
        for (RenderedManifests overlay : overlays()) {
            for (JsonNode deployment : overlay.ofKind("Deployment")) {
                JsonNode pod = deployment.at("/spec/template/spec");
                assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean())
                        .as(name(deployment) + " runs as non-root")
                        .isTrue();
                // the pod's own scratch folders, and the platform overlay's shared volume for assets and dead letters
                Set<String> dataVolumes = elements(pod.path("volumes")).stream()
                        .filter(v -> v.has("emptyDir") || v.has("persistentVolumeClaim"))
                        .map(v -> v.path("name").asText())
                        .collect(Collectors.toSet());
                for (JsonNode container : elements(pod.path("containers"))) {
                    JsonNode security = container.path("securityContext");
                    assertThat(security.path("readOnlyRootFilesystem").asBoolean())
                            .as(name(deployment))
                            .isTrue();
                    assertThat(security.path("allowPrivilegeEscalation").asBoolean(true))
                            .as(name(deployment))
                            .isFalse();
                    assertThat(elements(security.at("/capabilities/drop")))
                            .extracting(JsonNode::asText)
                            .contains("ALL");
                    assertThat(container.at("/resources/requests/memory").asText())
                            .isNotEmpty();
                    assertThat(container.at("/resources/limits/memory").asText())
                            .isNotEmpty();
                    for (JsonNode mount : elements(container.path("volumeMounts"))) {
                        if (!mount.path("readOnly").asBoolean()) {
                            assertThat(dataVolumes)
                                    .as("writable mount "
                                            + mount.path("mountPath").asText() + " of " + name(deployment))
                                    .contains(mount.path("name").asText());
                        }
                    }
                }
            }
            List<String> writable = elements(appContainer(overlay).path("volumeMounts")).stream()
                    .filter(mount -> !mount.path("readOnly").asBoolean())
                    .map(mount -> mount.path("mountPath").asText())
                    .toList();
            assertThat(writable)
                    .as("writable folders of the application")
                    .containsAll(List.of("/deployments/data", "/tmp"))
                    .allMatch(path -> path.equals("/tmp") || path.startsWith("/deployments/data"));
        }
    }

    @Test
    void serviceAccountMayHoldTheLeadershipLeasesAndListTheMembers() {
        for (RenderedManifests overlay : overlays()) {
            String account = podSpec(overlay).path("serviceAccountName").asText();
            overlay.get("ServiceAccount", account);
            JsonNode binding = overlay.ofKind("RoleBinding").stream()
                    .filter(b -> elements(b.path("subjects")).stream()
                            .anyMatch(
                                    s -> "ServiceAccount".equals(s.path("kind").asText())
                                            && account.equals(s.path("name").asText())))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no RoleBinding for " + account));
            JsonNode role = overlay.get("Role", binding.at("/roleRef/name").asText());
            assertThat(verbs(role, "coordination.k8s.io", "leases"))
                    .contains("get", "list", "watch", "create", "update", "patch");
            assertThat(verbs(role, "", "pods")).contains("get", "list");
            assertThat(envValue(overlay, "ITWIN_CLUSTER_SERVICE")).isEqualTo("kubernetes");
            assertThat(appContainer(overlay).toString()).contains("metadata.namespace");
        }
    }

    @Test
    void everyReplicaRunsTheApplicationImage() {
        for (RenderedManifests overlay : overlays()) {
            assertThat(appContainer(overlay).path("image").asText()).startsWith("camel-itwin:");
        }
    }

    @Test
    void platformSharesRedisAndTheBrokerAndDividesTheBudgetByItsReplicas() {
        JsonNode deployment = platform.get("Deployment", APP);
        int replicas = deployment.at("/spec/replicas").asInt();
        assertThat(replicas).isGreaterThan(1);
        assertThat(envValue(platform, "ITWIN_RATE_LIMIT_REPLICAS")).isEqualTo(String.valueOf(replicas));

        assertServiceServes(URI.create(envValue(platform, "ITWIN_REDIS_URL")), "redis");
        assertServiceServes(URI.create(envValue(platform, "ITWIN_QUEUE_BROKER_URL")), "broker");
    }

    @Test
    void platformKeepsSyncedAssetsAndDeadLettersOnAVolumeThatOutlivesItsPods() {
        JsonNode claim = platform.get("PersistentVolumeClaim", "camel-itwin-shared-data");
        assertThat(elements(claim.at("/spec/accessModes")))
                .extracting(JsonNode::asText)
                .containsExactly("ReadWriteMany");
        JsonNode volume = elements(podSpec(platform).at("/volumes")).stream()
                .filter(v -> v.path("persistentVolumeClaim")
                        .path("claimName")
                        .asText()
                        .equals("camel-itwin-shared-data"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no volume of the shared claim"));
        assertThat(elements(appContainer(platform).at("/volumeMounts")))
                .filteredOn(
                        m -> m.path("name").asText().equals(volume.path("name").asText()))
                .extracting(m -> m.path("mountPath").asText())
                .containsExactlyInAnyOrder("/deployments/data/assets", "/deployments/data/failed");
    }

    private static void assertServiceServes(URI url, String deploymentName) {
        JsonNode service = platform.get("Service", url.getHost());
        JsonNode port = elements(service.at("/spec/ports")).stream()
                .filter(p -> p.path("port").asInt() == url.getPort())
                .findFirst()
                .orElseThrow(() -> new AssertionError("Service " + url.getHost() + " has no port " + url.getPort()));
        JsonNode pod = platform.get("Deployment", deploymentName).at("/spec/template");
        assertThat(labels(pod.at("/metadata/labels"))).containsAllEntriesOf(labels(service.at("/spec/selector")));
        assertThat(elements(pod.at("/spec/containers/0/ports")))
                .extracting(p -> p.path("name").asText())
                .contains(port.path("targetPort").asText());
    }

    private static List<RenderedManifests> overlays() {
        return List.of(emulatorDemo, platform);
    }

    private static JsonNode podSpec(RenderedManifests overlay) {
        return overlay.get("Deployment", APP).at("/spec/template/spec");
    }

    private static Map<String, String> podLabels(RenderedManifests overlay) {
        return labels(overlay.get("Deployment", APP).at("/spec/template/metadata/labels"));
    }

    private static JsonNode appContainer(RenderedManifests overlay) {
        return elements(podSpec(overlay).path("containers")).stream()
                .filter(c -> APP.equals(c.path("name").asText()))
                .findFirst()
                .orElseThrow();
    }

    private static String envValue(RenderedManifests overlay, String name) {
        return elements(appContainer(overlay).path("env")).stream()
                .filter(e -> name.equals(e.path("name").asText()))
                .map(e -> e.path("value").asText())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no environment variable " + name));
    }

    private static Map<String, String> mountPaths(JsonNode container) {
        return elements(container.path("volumeMounts")).stream()
                .collect(Collectors.toMap(
                        m -> m.path("name").asText(), m -> m.path("mountPath").asText(), (a, b) -> a + "," + b));
    }

    private static String volumeOfConfigMap(RenderedManifests overlay, JsonNode configMap) {
        String name = configMap.at("/metadata/name").asText();
        return elements(podSpec(overlay).path("volumes")).stream()
                .filter(v -> name.equals(v.at("/configMap/name").asText()))
                .map(v -> v.path("name").asText())
                .findFirst()
                .orElseThrow();
    }

    private static Set<String> secretKeys(JsonNode secret) {
        Set<String> keys = new java.util.HashSet<>();
        secret.path("data").fieldNames().forEachRemaining(keys::add);
        secret.path("stringData").fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static Set<String> verbs(JsonNode role, String apiGroup, String resource) {
        return elements(role.path("rules")).stream()
                .filter(rule -> elements(rule.path("apiGroups")).stream().anyMatch(g -> apiGroup.equals(g.asText())))
                .filter(rule -> elements(rule.path("resources")).stream().anyMatch(r -> resource.equals(r.asText())))
                .flatMap(rule -> elements(rule.path("verbs")).stream())
                .map(JsonNode::asText)
                .collect(Collectors.toSet());
    }

    private static Map<String, String> labels(JsonNode node) {
        Map<String, String> labels = new HashMap<>();
        node.fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }

    private static String name(JsonNode object) {
        return object.path("kind").asText() + " " + object.at("/metadata/name").asText();
    }
}
