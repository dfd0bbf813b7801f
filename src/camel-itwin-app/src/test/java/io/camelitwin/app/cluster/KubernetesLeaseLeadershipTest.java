package io.camelitwin.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelitwin.app.TestSettings;
import io.camelitwin.testing.Await;
import io.camelitwin.testing.CuttableTcpProxy;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.component.kubernetes.cluster.KubernetesClusterService;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Lease-based leader election as the application configures it (LeaderElectionProducers with itwin.cluster.service=
 * kubernetes), two Camel contexts standing for two pods, against the fabric8 Kubernetes mock server in CRUD mode (a
 * Kubernetes API that keeps what it is sent). One leads the master: route. Then it dies as a killed container does:
 * its connection to the API is cut and its context stopped (it neither renews nor releases the Lease), and the API
 * reports its pod not ready, as the kubelet would. Camel's election holds a Lease for as long as its holder's pod runs
 * and ready; the other pod then takes the Lease and, before it leads, waits one lease duration, the time a leader cut
 * off from the API has to notice and stop. So the route never runs on two pods at once.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class KubernetesLeaseLeadershipTest {

    private static final String NAMESPACE = "camel-itwin-test";
    private static final Duration LEASE_DURATION = Duration.ofSeconds(6);
    private static final Duration RENEW_DEADLINE = Duration.ofSeconds(4);
    private static final Duration RETRY_PERIOD = Duration.ofSeconds(1);

    static KubernetesMockServer server;
    static KubernetesClient client;

    private final ConcurrentLinkedQueue<Tick> ticks = new ConcurrentLinkedQueue<>();
    private final List<DefaultCamelContext> contexts = new java.util.ArrayList<>();
    private final List<CuttableTcpProxy> proxies = new java.util.ArrayList<>();

    @AfterEach
    void stopPods() {
        contexts.forEach(DefaultCamelContext::stop);
        proxies.forEach(CuttableTcpProxy::close);
    }

    @Test
    void whenTheLeaderDiesTheOtherPodTakesOverAfterTheLeaseExpiresAndNeverBefore() throws Exception {
        CuttableTcpProxy firstPodsNetwork = pod("pod-a");
        pod("pod-b");

        Await.until("one pod leads", Duration.ofSeconds(30), () -> !ticks.isEmpty());
        String leader = ticks.peek().pod();
        Await.until("the leader runs the route for a while", Duration.ofSeconds(10), () -> ticks.size() > 5);
        assertThat(ticks).extracting(Tick::pod).containsOnly(leader);
        List<Lease> leases = client.leases().inNamespace(NAMESPACE).list().getItems();
        assertThat(leases)
                .extracting(lease -> lease.getMetadata().getName())
                .as("the name k8s/base's Role lets the ServiceAccount renew")
                .containsExactly("camel-itwin-leaders-itwin-image-changes");
        assertThat(leases.get(0).getSpec().getHolderIdentity()).isEqualTo(leader);

        String follower = leader.equals("pod-a") ? "pod-b" : "pod-a";
        CuttableTcpProxy leadersNetwork = leader.equals("pod-a") ? firstPodsNetwork : proxies.get(1);
        long killedAt = System.nanoTime();
        leadersNetwork.cut();
        contexts.get(leader.equals("pod-a") ? 0 : 1).stop();
        reportCrashed(leader);
        long lastTickOfLeader = ticks.stream()
                .filter(t -> t.pod().equals(leader))
                .mapToLong(Tick::nanos)
                .max()
                .orElseThrow();

        Await.until(
                "the other pod takes over",
                LEASE_DURATION.multipliedBy(4),
                () -> ticks.stream().anyMatch(t -> t.pod().equals(follower)));
        long takenOverAt = ticks.stream()
                .filter(t -> t.pod().equals(follower))
                .mapToLong(Tick::nanos)
                .min()
                .orElseThrow();
        Duration takeover = Duration.ofNanos(takenOverAt - killedAt);
        System.out.printf(
                "Lease takeover: the follower led %.1f s after the leader died (lease %d s, renew deadline %d s,"
                        + " retry period %d s)%n",
                takeover.toMillis() / 1000.0,
                LEASE_DURATION.toSeconds(),
                RENEW_DEADLINE.toSeconds(),
                RETRY_PERIOD.toSeconds());

        assertThat(takenOverAt).as("never two leaders at once").isGreaterThan(lastTickOfLeader);
        assertThat(takeover)
                .as("the follower sees the dead pod within a retry period or two, then waits one lease duration")
                .isLessThanOrEqualTo(LEASE_DURATION.multipliedBy(2).plus(RETRY_PERIOD.multipliedBy(2)));
        Await.until(
                "the Lease names the new leader",
                Duration.ofSeconds(10),
                () -> follower.equals(client.leases()
                        .inNamespace(NAMESPACE)
                        .withName("camel-itwin-leaders-itwin-image-changes")
                        .get()
                        .getSpec()
                        .getHolderIdentity()));
    }

    /** What the kubelet reports of a pod whose container died: not ready, its container terminated. */
    private static void reportCrashed(String pod) {
        client.pods()
                .inNamespace(NAMESPACE)
                .withName(pod)
                .editStatus(crashed -> new PodBuilder(crashed)
                        .withStatus(new PodStatusBuilder()
                                .withPhase("Running")
                                .withConditions(new PodConditionBuilder()
                                        .withType("Ready")
                                        .withStatus("False")
                                        .build())
                                .withContainerStatuses(new ContainerStatusBuilder()
                                        .withName("camel-itwin")
                                        .withReady(false)
                                        .withNewState()
                                        .withNewTerminated()
                                        .withExitCode(137)
                                        .withReason("Error")
                                        .endTerminated()
                                        .endState()
                                        .build())
                                .build())
                        .build());
    }

    /** A pod of the application: listed by the API with the members' label, its Camel context behind a proxy. */
    private CuttableTcpProxy pod(String name) throws Exception {
        client.pods()
                .inNamespace(NAMESPACE)
                .resource(new PodBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .withLabels(LeaderElectionProducers.KUBERNETES_MEMBERS)
                        .endMetadata()
                        // running and ready, as the kubelet reports a started pod: the election's members
                        .withNewStatus()
                        .withPhase("Running")
                        .addNewCondition()
                        .withType("Ready")
                        .withStatus("True")
                        .endCondition()
                        .addNewContainerStatus()
                        .withName("camel-itwin")
                        .withReady(true)
                        .withNewState()
                        .withNewRunning()
                        .endRunning()
                        .endState()
                        .endContainerStatus()
                        .endStatus()
                        .build())
                .create();
        CuttableTcpProxy network =
                new CuttableTcpProxy(URI.create(server.url("/")).getPort());
        proxies.add(network);

        LeaderElectionProducers election = new LeaderElectionProducers(TestSettings.with(Map.of(
                "itwin.cluster.service",
                "kubernetes",
                "itwin.cluster.kubernetes.namespace",
                NAMESPACE,
                "itwin.cluster.kubernetes.pod-name",
                name,
                "itwin.cluster.kubernetes.lease-duration",
                LEASE_DURATION.toMillis() + "ms",
                "itwin.cluster.kubernetes.renew-deadline",
                RENEW_DEADLINE.toMillis() + "ms",
                "itwin.cluster.kubernetes.retry-period",
                RETRY_PERIOD.toMillis() + "ms")));
        CamelClusterService service = election.clusterService();
        ((KubernetesClusterService) service).setMasterUrl("http://127.0.0.1:" + network.port());

        DefaultCamelContext context = new DefaultCamelContext();
        context.addService(service);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("master:itwin-image-changes:timer:tick?period=200")
                        .process(exchange -> ticks.add(new Tick(name, System.nanoTime())));
            }
        });
        context.start();
        contexts.add(context);
        return network;
    }

    private record Tick(String pod, long nanos) {}
}
