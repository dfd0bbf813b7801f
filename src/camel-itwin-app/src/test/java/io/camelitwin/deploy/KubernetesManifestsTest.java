package io.camelitwin.deploy;

import static io.camelitwin.deploy.RenderedManifests.elements;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelitwin.app.ArtemisResource;
import io.camelitwin.testing.MachineTools;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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
    private static final Set<String> SECRETS_MADE_OUTSIDE_GIT =
            Set.of("camel-itwin-credentials", "camel-itwin-broker", "camel-itwin-redis");

    /** The labels Kubernetes recommends on every object of an application (Kubernetes docs, "Recommended Labels"). */
    private static final List<String> RECOMMENDED_LABELS = List.of(
            "app.kubernetes.io/name",
            "app.kubernetes.io/instance",
            "app.kubernetes.io/version",
            "app.kubernetes.io/component",
            "app.kubernetes.io/part-of",
            "app.kubernetes.io/managed-by");
    /**
     * The Lease name's prefix, LeaderElectionProducers's default for itwin.cluster.kubernetes.lease-name; Camel appends the
     * master: route's namespace (KubernetesLeaseLeadershipTest shows the name it creates).
     */
    private static final String LEASE_PREFIX = "camel-itwin-leaders";
    /** Camel's default: how long a stopping context waits for its in-flight exchanges. */
    private static final int CAMEL_SHUTDOWN_TIMEOUT_SECONDS = 45;

    private static RenderedManifests emulatorDemo;
    private static RenderedManifests platform;

    @BeforeAll
    static void render() throws Exception {
        Optional<Path> kubectl = MachineTools.find("kubectl");
        if (kubectl.isPresent()) {
            emulatorDemo = RenderedManifests.render(kubectl.get(), K8S.resolve("overlays/emulator-demo"));
            platform = RenderedManifests.render(kubectl.get(), K8S.resolve("overlays/platform"));
        }
    }

    /** Each test, not the class, is skipped, so that the report counts them and shows why. */
    @BeforeEach
    void requireKubectl() {
        MachineTools.assumeInstalled(
                List.of("kubectl"),
                "the k8s/ manifests were not rendered nor checked",
                "apt-get install kubernetes-client");
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
            for (SecretReference reference : secretReferences(overlay)) {
                if (overlay == platform) {
                    assertThat(SECRETS_MADE_OUTSIDE_GIT).contains(reference.secret());
                    assertThat(overlay.find("Secret", reference.secret()))
                            .as("no Secret of the platform is rendered")
                            .isEmpty();
                } else {
                    JsonNode secret = overlay.get("Secret", reference.secret());
                    assertThat(secretKeys(secret)).contains(reference.key());
                }
            }
        }
    }

    @Test
    void secretsAreMountedAsFilesNeverGivenAsEnvironmentVariables() {
        for (RenderedManifests overlay : overlays()) {
            for (JsonNode workload : workloads(overlay)) {
                assertThat(workload.findValues("secretKeyRef"))
                        .as(name(workload) + ": a process' environment is readable through /proc/<pid>/environ")
                        .isEmpty();
                assertThat(workload.findValues("secretRef")).as(name(workload)).isEmpty();
            }
            JsonNode secrets = elements(podSpec(overlay).path("volumes")).stream()
                    .filter(v -> mountPaths(appContainer(overlay))
                            .getOrDefault(v.path("name").asText(), "")
                            .equals("/deployments/secrets"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no volume at /deployments/secrets"));
            Set<String> files = elements(secrets.at("/projected/sources")).stream()
                    .flatMap(source -> elements(source.at("/secret/items")).stream())
                    .map(item -> item.path("path").asText())
                    .collect(Collectors.toSet());
            assertThat(files).contains("itwin.client-id", "itwin.client-secret");
            if (overlay == platform) {
                assertThat(files).contains("itwin.queue.username", "itwin.queue.password", "itwin.redis.password");
            }
        }
        String properties = readString(Path.of("application.properties"));
        assertThat(properties)
                .as("the application reads the mounted folder as configuration keys")
                .containsPattern("(?m)^smallrye\\.config\\.source\\.file\\.locations=secrets$");
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
    void theBaseChoosesThePlatformAndOnlyTheDemoOverlayTheEmulator() throws Exception {
        // the application's own default is the emulator: a deployment built on the base must not stand it in
        RenderedManifests base =
                RenderedManifests.render(MachineTools.find("kubectl").orElseThrow(), K8S.resolve("base"));
        assertThat(envValue(base, "ITWIN_PLATFORM")).isEqualTo("bentley");
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
        Map<String, String> kamelets = new TreeMap<>();
        try (Stream<Path> files = Files.list(Path.of("routes", "kamelets"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                kamelets.put(file.getFileName().toString(), Files.readString(file));
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
            JsonNode kameletsMap = overlay.generatedConfigMap("camel-itwin-kamelets");
            Map<String, String> renderedKamelets = new TreeMap<>();
            kameletsMap
                    .path("data")
                    .fields()
                    .forEachRemaining(
                            e -> renderedKamelets.put(e.getKey(), e.getValue().asText()));
            assertThat(renderedKamelets)
                    .as("every routes/kamelets/*.yaml, listed in k8s/base/kustomization.yaml and copied to"
                            + " k8s/base/config/routes/kamelets")
                    .isEqualTo(kamelets);
            JsonNode routesVolume = elements(podSpec(overlay).path("volumes")).stream()
                    .filter(v -> "routes".equals(v.path("name").asText()))
                    .findFirst()
                    .orElseThrow();
            Map<String, String> projected = new TreeMap<>();
            for (JsonNode source : elements(routesVolume.at("/projected/sources"))) {
                String map = source.at("/configMap/name").asText();
                if (map.equals(routesMap.at("/metadata/name").asText())) {
                    rendered.keySet().forEach(key -> projected.put(key, map));
                } else if (map.equals(kameletsMap.at("/metadata/name").asText())) {
                    elements(source.at("/configMap/items"))
                            .forEach(item -> projected.put(item.path("path").asText(), map));
                }
            }
            Set<String> expectedFiles = new java.util.TreeSet<>(routes.keySet());
            kamelets.keySet().forEach(kamelet -> expectedFiles.add("kamelets/" + kamelet));
            assertThat(projected.keySet())
                    .as("the routes and the Kamelets, laid out under /deployments/routes as in routes/")
                    .isEqualTo(expectedFiles);

            Map<String, String> mounts = mountPaths(appContainer(overlay));
            assertThat(mounts.get(volumeOfConfigMap(overlay, config))).isEqualTo("/deployments/config");
            assertThat(mounts.get("routes")).isEqualTo("/deployments/routes");
        }
    }

    @Test
    void onlyDataVolumesAreWritableAndTheRootFileSystemIsNot() {
        for (RenderedManifests overlay : overlays()) {
            for (JsonNode deployment : workloads(overlay)) {
                JsonNode pod = deployment.at("/spec/template/spec");
                assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean())
                        .as(name(deployment) + " runs as non-root")
                        .isTrue();
                // the pod's own scratch folders, the platform overlay's shared volume for assets and dead letters,
                // and the state of Redis and the broker on their claims
                Set<String> dataVolumes = elements(pod.path("volumes")).stream()
                        .filter(v -> v.has("emptyDir") || v.has("persistentVolumeClaim"))
                        .map(v -> v.path("name").asText())
                        .collect(Collectors.toSet());
                elements(deployment.at("/spec/volumeClaimTemplates"))
                        .forEach(claim ->
                                dataVolumes.add(claim.at("/metadata/name").asText()));
                for (JsonNode container : containers(pod)) {
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
            assertThat(verbs(role, "coordination.k8s.io", "leases")).contains("get", "create", "update");
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

        String redisUrl = envValue(platform, "ITWIN_REDIS_URL");
        assertThat(redisUrl)
                .as("the password from the file itwin.redis.password")
                .startsWith("redis://:${itwin.redis.password}@");
        assertServiceServes(URI.create(redisUrl.replace("${itwin.redis.password}", "password")), "redis");
        assertServiceServes(URI.create(envValue(platform, "ITWIN_QUEUE_BROKER_URL")), "broker");
    }

    @Test
    void severalReplicasWatchNoFolderOfTheirOwn() {
        assertThat(platform.get("Deployment", APP).at("/spec/replicas").asInt()).isGreaterThan(1);
        assertThat(envValue(platform, "ITWIN_FOLDER_ENABLED"))
                .as("each replica's inbox is a folder of its pod: images come from S3 or the queue")
                .isEqualTo("false");
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

    @Test
    void aDisruptionBudgetLetsADrainEvictOneReplicaAtATime() {
        for (RenderedManifests overlay : overlays()) {
            JsonNode budget = overlay.ofKind("PodDisruptionBudget").stream()
                    .filter(b -> podLabels(overlay)
                            .entrySet()
                            .containsAll(
                                    labels(b.at("/spec/selector/matchLabels")).entrySet()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no PodDisruptionBudget selects the application's pods"));
            assertThat(budget.at("/spec/maxUnavailable").asInt())
                    .as("one replica at a time, and a one-replica overlay can still be drained")
                    .isEqualTo(1);
        }
    }

    @Test
    void replicasAreSpreadOverNodesAndZones() {
        for (RenderedManifests overlay : overlays()) {
            List<JsonNode> constraints = elements(podSpec(overlay).path("topologySpreadConstraints"));
            assertThat(constraints)
                    .extracting(c -> c.path("topologyKey").asText())
                    .contains("kubernetes.io/hostname", "topology.kubernetes.io/zone");
            for (JsonNode constraint : constraints) {
                assertThat(podLabels(overlay))
                        .containsAllEntriesOf(labels(constraint.at("/labelSelector/matchLabels")));
            }
        }
    }

    @Test
    void everyObjectCarriesTheRecommendedLabels() {
        for (RenderedManifests overlay : overlays()) {
            for (JsonNode object : overlay.all()) {
                assertThat(labels(object.at("/metadata/labels")).keySet())
                        .as(name(object))
                        .containsAll(RECOMMENDED_LABELS);
            }
            for (JsonNode workload : workloads(overlay)) {
                Map<String, String> pod = labels(workload.at("/spec/template/metadata/labels"));
                assertThat(pod.keySet()).as("pods of " + name(workload)).containsAll(RECOMMENDED_LABELS);
                assertThat(pod.get("app.kubernetes.io/version"))
                        .as("app.kubernetes.io/version of " + name(workload) + " is its image's tag")
                        .isEqualTo(
                                imageTag(mainContainer(workload).path("image").asText()));
            }
        }
    }

    @Test
    void everyImageIsAFixedReferencePulledOnlyWhenAbsent() {
        for (RenderedManifests overlay : overlays()) {
            for (JsonNode workload : workloads(overlay)) {
                for (JsonNode container : containers(workload.at("/spec/template/spec"))) {
                    String image = container.path("image").asText();
                    assertThat(image)
                            .as(name(workload) + ": a digest or a release tag, never latest or a snapshot")
                            .matches(".+(@sha256:[0-9a-f]{64}|:\\d+\\.\\d+\\.\\d+)");
                    assertThat(container.path("imagePullPolicy").asText())
                            .as(name(workload))
                            .isEqualTo("IfNotPresent");
                }
            }
        }
    }

    @Test
    void theGracePeriodOutlastsCamelsShutdown() {
        assertThat(readString(Path.of("application.properties")))
                .as("the shutdown timeout is Camel's default")
                .doesNotContain("camel.main.shutdown-timeout");
        for (RenderedManifests overlay : overlays()) {
            assertThat(podSpec(overlay).path("terminationGracePeriodSeconds").asInt())
                    .as("the kubelet's SIGKILL comes after Camel has stopped the routes")
                    .isGreaterThan(CAMEL_SHUTDOWN_TIMEOUT_SECONDS);
        }
    }

    @Test
    void theLeaseRuleNamesTheLeaseOfEveryLeaderElectedRoute() throws IOException {
        Set<String> leases = new java.util.TreeSet<>();
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                java.util.regex.Matcher master =
                        java.util.regex.Pattern.compile("master:([\\w.-]+):").matcher(Files.readString(file));
                while (master.find()) {
                    leases.add(LEASE_PREFIX + "-" + master.group(1));
                }
            }
        }
        assertThat(leases).isNotEmpty();
        for (RenderedManifests overlay : overlays()) {
            JsonNode role = overlay.get("Role", "camel-itwin-leader-election");
            for (JsonNode rule : elements(role.path("rules"))) {
                Set<String> verbs = elements(rule.path("verbs")).stream()
                        .map(JsonNode::asText)
                        .collect(Collectors.toSet());
                boolean onLeases = elements(rule.path("resources")).stream()
                        .anyMatch(r -> r.asText().equals("leases"));
                if (onLeases && !verbs.equals(Set.of("create"))) {
                    assertThat(elements(rule.path("resourceNames")))
                            .as("a rule on Leases other than create names the Lease of every master: route")
                            .extracting(JsonNode::asText)
                            .allMatch(name -> name.startsWith(LEASE_PREFIX + "-"))
                            .containsAll(leases);
                }
            }
        }
    }

    @Test
    void redisAndTheBrokerMountNoServiceAccountToken() {
        for (String name : List.of("redis", "broker")) {
            JsonNode pod = workload(platform, name).at("/spec/template/spec");
            assertThat(pod.has("automountServiceAccountToken"))
                    .as(name + " sets automountServiceAccountToken")
                    .isTrue();
            assertThat(pod.path("automountServiceAccountToken").asBoolean())
                    .as(name)
                    .isFalse();
        }
    }

    @Test
    void networkPoliciesLetOnlyTheApplicationReachRedisAndTheBroker() {
        for (RenderedManifests overlay : overlays()) {
            assertThat(policyFor(overlay, podLabels(overlay)))
                    .as("the application's pods")
                    .isPresent();
        }
        for (String name : List.of("redis", "broker")) {
            Map<String, String> pods = labels(workload(platform, name).at("/spec/template/metadata/labels"));
            JsonNode policy = policyFor(platform, pods)
                    .orElseThrow(() -> new AssertionError("no NetworkPolicy selects the pods of " + name));
            assertThat(elements(policy.at("/spec/policyTypes")))
                    .extracting(JsonNode::asText)
                    .contains("Ingress");
            for (JsonNode rule : elements(policy.at("/spec/ingress"))) {
                List<JsonNode> from = elements(rule.path("from"));
                assertThat(from)
                        .as(name + ": every ingress rule says from whom")
                        .isNotEmpty();
                for (JsonNode peer : from) {
                    assertThat(podLabels(platform))
                            .as(name + ": the application's pods are among those let in, and only pods are")
                            .containsAllEntriesOf(labels(peer.at("/podSelector/matchLabels")));
                    assertThat(peer.has("ipBlock") || peer.has("namespaceSelector"))
                            .isFalse();
                }
            }
        }
    }

    @Test
    void redisAsksForThePasswordTheApplicationReadsFromTheSameSecret() {
        JsonNode redis = workload(platform, "redis").at("/spec/template/spec");
        JsonNode server = containers(redis).stream()
                .filter(c -> c.path("name").asText().equals("redis"))
                .findFirst()
                .orElseThrow();
        String configuration = elements(server.path("args")).get(0).asText();
        JsonNode writer = elements(redis.path("initContainers")).stream()
                .filter(c -> c.toString().contains(configuration))
                .findFirst()
                .orElseThrow(() -> new AssertionError("nothing writes " + configuration));
        assertThat(writer.toString()).contains("requirepass");
        Set<String> redisSecrets = elements(redis.path("volumes")).stream()
                .map(v -> v.at("/secret/secretName").asText())
                .filter(secret -> !secret.isEmpty())
                .collect(Collectors.toSet());
        assertThat(redisSecrets).containsExactly("camel-itwin-redis");
        assertThat(secretReferences(platform))
                .contains(new SecretReference("camel-itwin-redis", "password", "itwin.redis.password"));
        assertThat(envValue(platform, "ITWIN_REDIS_URL")).contains("${itwin.redis.password}");
    }

    @Test
    void redisAndTheBrokerKeepTheirStateOnPersistentVolumeClaims() {
        Map<String, String> stateFolders = Map.of("redis", "/data", "broker", "/var/lib/artemis-instance");
        stateFolders.forEach((name, folder) -> {
            JsonNode statefulSet = platform.get("StatefulSet", name);
            Set<String> claims = elements(statefulSet.at("/spec/volumeClaimTemplates")).stream()
                    .map(claim -> claim.at("/metadata/name").asText())
                    .collect(Collectors.toSet());
            JsonNode container = containers(statefulSet.at("/spec/template/spec")).stream()
                    .filter(c -> c.path("name").asText().equals(name))
                    .findFirst()
                    .orElseThrow();
            assertThat(claims)
                    .as(name + " keeps " + folder + " on a claim, not on an emptyDir that dies with the pod")
                    .contains(mountPaths(container).entrySet().stream()
                            .filter(mount -> mount.getValue().equals(folder))
                            .map(Map.Entry::getKey)
                            .findFirst()
                            .orElseThrow(() -> new AssertionError(name + " mounts nothing at " + folder)));
        });
        assertThat(platform.find("Deployment", "redis")).isEmpty();
        assertThat(platform.find("Deployment", "broker")).isEmpty();
        String redisArgs = platform.get("StatefulSet", "redis")
                .at("/spec/template/spec/containers/0/args")
                .toString();
        assertThat(redisArgs).contains("\"--appendonly\",\"yes\"");
    }

    @Test
    void theBrokerDeployedIsTheArtemisTheTestsRun() throws IOException {
        java.util.regex.Matcher tested = java.util.regex.Pattern.compile("<artemis.version>([^<]+)</artemis.version>")
                .matcher(Files.readString(Path.of("src", "camel-itwin-app", "pom.xml")));
        assertThat(tested.find()).isTrue();
        JsonNode broker = mainContainer(platform.get("StatefulSet", "broker"));
        assertThat(broker.path("image").asText()).isEqualTo("apache/activemq-artemis:" + tested.group(1));
    }

    /**
     * The guard against oversized queue messages runs in the broker as the tests run it: the broker properties the
     * embedded broker reads, applied at start, and the plugin's class from the image the application runs.
     */
    @Test
    void theBrokerRunsTheOversizedMessageGuardTheTestsRun() {
        JsonNode statefulSet = platform.get("StatefulSet", "broker");
        JsonNode podSpec = statefulSet.at("/spec/template/spec");
        JsonNode broker = mainContainer(statefulSet);
        Map<String, String> mounts = mountPaths(broker);

        JsonNode properties = platform.generatedConfigMap("camel-itwin-broker-properties");
        assertThat(properties.at("/data/broker.properties").asText())
                .isEqualTo(readString(ArtemisResource.BROKER_PROPERTIES));
        String propertiesVolume = elements(podSpec.path("volumes")).stream()
                .filter(v -> v.at("/configMap/name")
                        .asText()
                        .equals(properties.at("/metadata/name").asText()))
                .map(v -> v.path("name").asText())
                .findFirst()
                .orElseThrow(() -> new AssertionError("the broker mounts no " + properties.at("/metadata/name")));
        assertThat(broker.path("command").toString())
                .contains("run --properties " + mounts.get(propertiesVolume) + "/broker.properties");

        String extraLibs = elements(broker.path("env")).stream()
                .filter(e -> e.path("name").asText().equals("ARTEMIS_EXTRA_LIBS"))
                .map(e -> e.path("value").asText())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no ARTEMIS_EXTRA_LIBS: the plugin is not on the classpath"));
        JsonNode copier = elements(podSpec.path("initContainers")).stream()
                .filter(c -> mountPaths(c).containsValue(extraLibs))
                .findFirst()
                .orElseThrow(() -> new AssertionError("nothing writes " + extraLibs));
        assertThat(copier.path("image").asText())
                .isEqualTo(appContainer(platform).path("image").asText());
        assertThat(copier.path("command").toString()).contains("/deployments/app/", extraLibs);
        assertThat(mounts).containsValue(extraLibs);
    }

    @Test
    void kustomizationsUseResourcesAndPatchesNotTheDeprecatedFields() throws IOException {
        List<Path> kustomizations;
        try (Stream<Path> files = Files.walk(K8S)) {
            kustomizations = files.filter(f -> f.getFileName().toString().equals("kustomization.yaml"))
                    .toList();
        }
        assertThat(kustomizations).hasSizeGreaterThanOrEqualTo(3);
        for (Path kustomization : kustomizations) {
            JsonNode fields = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(kustomization.toFile());
            assertThat(fields.fieldNames())
                    .toIterable()
                    .as(kustomization.toString())
                    .doesNotContainAnyElementsOf(
                            List.of("bases", "patchesStrategicMerge", "patchesJson6902", "commonLabels", "vars"));
        }
    }

    private static void assertServiceServes(URI url, String deploymentName) {
        JsonNode service = platform.get("Service", url.getHost());
        JsonNode port = elements(service.at("/spec/ports")).stream()
                .filter(p -> p.path("port").asInt() == url.getPort())
                .findFirst()
                .orElseThrow(() -> new AssertionError("Service " + url.getHost() + " has no port " + url.getPort()));
        JsonNode pod = workload(platform, deploymentName).at("/spec/template");
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

    /** A Secret key the pods read, and the file it becomes in the application's secrets folder. */
    record SecretReference(String secret, String key, String file) {}

    private static List<SecretReference> secretReferences(RenderedManifests overlay) {
        List<SecretReference> references = new java.util.ArrayList<>();
        for (JsonNode workload : workloads(overlay)) {
            for (JsonNode volume : elements(workload.at("/spec/template/spec/volumes"))) {
                for (JsonNode source : elements(volume.at("/projected/sources"))) {
                    for (JsonNode item : elements(source.at("/secret/items"))) {
                        references.add(new SecretReference(
                                source.at("/secret/name").asText(),
                                item.path("key").asText(),
                                item.path("path").asText()));
                    }
                }
                if (volume.has("secret")) {
                    references.add(
                            new SecretReference(volume.at("/secret/secretName").asText(), "", ""));
                }
            }
        }
        return references;
    }

    private static List<JsonNode> workloads(RenderedManifests overlay) {
        return Stream.concat(overlay.ofKind("Deployment").stream(), overlay.ofKind("StatefulSet").stream())
                .toList();
    }

    private static JsonNode workload(RenderedManifests overlay, String name) {
        return overlay.find("Deployment", name).orElseGet(() -> overlay.get("StatefulSet", name));
    }

    /** The workload's first container, the one it is named after (init containers come before it in the list). */
    private static JsonNode mainContainer(JsonNode workload) {
        return workload.at("/spec/template/spec/containers/0");
    }

    private static List<JsonNode> containers(JsonNode podSpec) {
        return Stream.concat(
                        elements(podSpec.path("initContainers")).stream(),
                        elements(podSpec.path("containers")).stream())
                .toList();
    }

    private static java.util.Optional<JsonNode> policyFor(RenderedManifests overlay, Map<String, String> podLabels) {
        return overlay.ofKind("NetworkPolicy").stream()
                .filter(policy -> podLabels
                        .entrySet()
                        .containsAll(labels(policy.at("/spec/podSelector/matchLabels"))
                                .entrySet()))
                .findFirst();
    }

    private static String imageTag(String image) {
        return image.substring(image.lastIndexOf(':') + 1);
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String name(JsonNode object) {
        return object.path("kind").asText() + " " + object.at("/metadata/name").asText();
    }
}
