package io.camelitwin.app;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.component.kubernetes.KubernetesConfiguration;
import org.apache.camel.component.kubernetes.cluster.KubernetesClusterService;
import org.apache.camel.component.kubernetes.cluster.LeaseResourceType;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who leads the routes that must run once, whatever the number of replicas ({@code from: master:<namespace>:...},
 * the change detection): on one host a lock on a file in a shared folder, in Kubernetes a coordination.k8s.io Lease
 * (k8s/base grants the ServiceAccount the right to hold it). A leader that dies loses the file lock at once (the
 * operating system drops it with the process) and the Lease when it is not renewed within the lease duration.
 * Chosen at run time ({@code itwin.cluster.service}), so that one build serves both.
 */
public class LeaderElection {

    /** The pods of the application, the members of the election: the label k8s/base puts on them. */
    static final Map<String, String> KUBERNETES_MEMBERS = Map.of("app.kubernetes.io/name", "camel-itwin");

    @ConfigProperty(name = "itwin.cluster.service", defaultValue = "file")
    String service;

    @ConfigProperty(name = "itwin.cluster.file.root", defaultValue = "data/cluster")
    String fileRoot;

    @ConfigProperty(name = "itwin.cluster.file.retry-interval", defaultValue = "1s")
    Duration fileRetryInterval;

    @ConfigProperty(name = "itwin.cluster.kubernetes.namespace")
    Optional<String> namespace;

    @ConfigProperty(name = "itwin.cluster.kubernetes.pod-name")
    Optional<String> podName;

    @ConfigProperty(name = "itwin.cluster.kubernetes.lease-name", defaultValue = "camel-itwin-leaders")
    String leaseName;

    @ConfigProperty(name = "itwin.cluster.kubernetes.lease-duration", defaultValue = "15s")
    Duration leaseDuration;

    @ConfigProperty(name = "itwin.cluster.kubernetes.renew-deadline", defaultValue = "10s")
    Duration renewDeadline;

    @ConfigProperty(name = "itwin.cluster.kubernetes.retry-period", defaultValue = "2s")
    Duration retryPeriod;

    @Produces
    @Singleton
    @Named("itwinClusterService")
    CamelClusterService clusterService() {
        return switch (service) {
            case "file" -> fileLock();
            case "kubernetes" -> kubernetesLease();
            default ->
                throw new IllegalArgumentException("itwin.cluster.service must be file or kubernetes, was " + service);
        };
    }

    private CamelClusterService fileLock() {
        FileLockClusterService lock = new FileLockClusterService();
        lock.setId("itwin-file-lock");
        lock.setRoot(fileRoot);
        lock.setAcquireLockDelay(fileRetryInterval.toMillis(), TimeUnit.MILLISECONDS);
        lock.setAcquireLockInterval(fileRetryInterval.toMillis(), TimeUnit.MILLISECONDS);
        return lock;
    }

    private CamelClusterService kubernetesLease() {
        // Made with a configuration of its own: without one, the service never applies its namespace (nor a master
        // URL) to the client, and every Lease look-up fails with "namespace cannot be null".
        KubernetesClusterService lease = new KubernetesClusterService(new KubernetesConfiguration());
        lease.setId("itwin-kubernetes-lease");
        namespace.ifPresent(ns -> {
            lease.setKubernetesNamespace(ns);
            lease.setKubernetesResourcesNamespace(ns);
        });
        podName.ifPresent(lease::setPodName);
        lease.setLeaseResourceType(LeaseResourceType.Lease);
        lease.setKubernetesResourceName(leaseName);
        lease.setClusterLabels(KUBERNETES_MEMBERS);
        lease.setLeaseDurationMillis(leaseDuration.toMillis());
        lease.setRenewDeadlineMillis(renewDeadline.toMillis());
        lease.setRetryPeriodMillis(retryPeriod.toMillis());
        return lease;
    }
}
