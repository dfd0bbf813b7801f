package io.camelitwin.app.cluster;

import io.camelitwin.app.config.AppSettings;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.component.kubernetes.KubernetesConfiguration;
import org.apache.camel.component.kubernetes.cluster.KubernetesClusterService;
import org.apache.camel.component.kubernetes.cluster.LeaseResourceType;

/**
 * Who leads the routes that must run once, whatever the number of replicas ({@code from: master:<namespace>:...},
 * the change detection): on one host a lock on a file in a shared folder, in Kubernetes a coordination.k8s.io Lease
 * (k8s/base grants the ServiceAccount the right to hold it). A leader that dies loses the file lock at once (the
 * operating system drops it with the process) and the Lease when it is not renewed within the lease duration.
 * Chosen at run time ({@code itwin.cluster.service}), so that one build serves both.
 */
public class LeaderElectionProducers {

    /** The pods of the application, the members of the election: the label k8s/base puts on them. */
    static final Map<String, String> KUBERNETES_MEMBERS = Map.of("app.kubernetes.io/name", "camel-itwin");

    private final AppSettings.Cluster settings;

    @Inject
    public LeaderElectionProducers(AppSettings settings) {
        this(settings.cluster());
    }

    LeaderElectionProducers(AppSettings.Cluster settings) {
        this.settings = settings;
    }

    @Produces
    @Singleton
    @Named("itwinClusterService")
    CamelClusterService clusterService() {
        return switch (settings.service()) {
            case file -> fileLock();
            case kubernetes -> kubernetesLease();
        };
    }

    private CamelClusterService fileLock() {
        FileLockClusterService lock = new FileLockClusterService();
        lock.setId("itwin-file-lock");
        Duration retryInterval = settings.file().retryInterval();
        lock.setRoot(settings.file().root());
        lock.setAcquireLockDelay(retryInterval.toMillis(), TimeUnit.MILLISECONDS);
        lock.setAcquireLockInterval(retryInterval.toMillis(), TimeUnit.MILLISECONDS);
        return lock;
    }

    private CamelClusterService kubernetesLease() {
        // Made with a configuration of its own: without one, the service never applies its namespace (nor a master
        // URL) to the client, and every Lease look-up fails with "namespace cannot be null".
        KubernetesClusterService lease = new KubernetesClusterService(new KubernetesConfiguration());
        lease.setId("itwin-kubernetes-lease");
        AppSettings.Cluster.Kubernetes kubernetes = settings.kubernetes();
        kubernetes.namespace().ifPresent(ns -> {
            lease.setKubernetesNamespace(ns);
            lease.setKubernetesResourcesNamespace(ns);
        });
        kubernetes.podName().ifPresent(lease::setPodName);
        lease.setLeaseResourceType(LeaseResourceType.Lease);
        lease.setKubernetesResourceName(kubernetes.leaseName());
        lease.setClusterLabels(KUBERNETES_MEMBERS);
        lease.setLeaseDurationMillis(kubernetes.leaseDuration().toMillis());
        lease.setRenewDeadlineMillis(kubernetes.renewDeadline().toMillis());
        lease.setRetryPeriodMillis(kubernetes.retryPeriod().toMillis());
        return lease;
    }
}
