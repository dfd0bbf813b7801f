package io.camelitwin.benchmark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** The two measured workloads, the same for every variant. */
final class Workloads {

    private Workloads() {}

    record UploadFigures(int images, long bytes, long wallNanos, long cpuNanos, long allocatedBytes) {
        double imagesPerSecond() {
            return images * 1e9 / wallNanos;
        }

        double megabytesPerSecond() {
            return bytes / 1e6 * 1e9 / wallNanos;
        }

        double cpuMillisPerImage() {
            return cpuNanos / 1e6 / images;
        }

        double allocatedMegabytesPerImage() {
            return allocatedBytes / 1e6 / images;
        }

        /** What the client allocated against the bytes it uploaded: 1.0 means one copy of every body. */
        double allocatedPerBodyByte() {
            return (double) allocatedBytes / bytes;
        }

        UploadFigures plus(UploadFigures more) {
            return more == null
                    ? this
                    : new UploadFigures(
                            images + more.images,
                            bytes + more.bytes,
                            wallNanos + more.wallNanos,
                            cpuNanos + more.cpuNanos,
                            allocatedBytes + more.allocatedBytes);
        }
    }

    record CallFigures(long[] sortedLatencyNanos, long cpuNanos, long callerThreadCpuNanos, long allocatedBytes) {
        int calls() {
            return sortedLatencyNanos.length;
        }

        double meanMicros() {
            return Arrays.stream(sortedLatencyNanos).average().orElse(0) / 1e3;
        }

        double p99Micros() {
            return sortedLatencyNanos[(int) Math.ceil(0.99 * calls()) - 1] / 1e3;
        }

        double cpuMicrosPerCall() {
            return cpuNanos / 1e3 / calls();
        }

        double callerThreadCpuMicrosPerCall() {
            return callerThreadCpuNanos / 1e3 / calls();
        }

        double allocatedKilobytesPerCall() {
            return allocatedBytes / 1e3 / calls();
        }

        CallFigures plus(CallFigures more) {
            if (more == null) {
                return this;
            }
            long[] latencies = Arrays.copyOf(sortedLatencyNanos, calls() + more.calls());
            System.arraycopy(more.sortedLatencyNanos, 0, latencies, calls(), more.calls());
            Arrays.sort(latencies);
            return new CallFigures(
                    latencies,
                    cpuNanos + more.cpuNanos,
                    callerThreadCpuNanos + more.callerThreadCpuNanos,
                    allocatedBytes + more.allocatedBytes);
        }
    }

    /** Every file uploaded once, by {@code callers} threads taking the next file; file i goes to iTwin i mod n. */
    static UploadFigures upload(Variant variant, List<Path> files, List<String> iTwins, int callers) throws Exception {
        long totalBytes = BenchmarkImages.totalBytes(files);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            AtomicInteger next = new AtomicInteger();
            // the pool's threads exist before the first snapshot, so that their allocations are counted
            for (Future<?> started : pool.invokeAll(Collections.nCopies(callers, () -> (Object) null))) {
                started.get();
            }
            ClientCost before = ClientCost.now();
            long start = System.nanoTime();
            List<Future<Object>> callersDone = pool.invokeAll(Collections.nCopies(callers, () -> {
                for (int i; (i = next.getAndIncrement()) < files.size(); ) {
                    variant.upload(iTwins.get(i % iTwins.size()), files.get(i));
                }
                return null;
            }));
            for (Future<Object> caller : callersDone) {
                caller.get();
            }
            long wall = System.nanoTime() - start;
            ClientCost after = ClientCost.now();
            return new UploadFigures(
                    files.size(), totalBytes, wall, after.cpuNanosSince(before), after.allocatedSince(before));
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Every file uploaded once by {@code callers} threads taking the next file, upload i by variant {@code (i + shift)
     * mod n}: the variants share the machine's load upload by upload instead of slice by slice. CPU and allocation
     * cannot be told apart this way; each variant's mean upload time can. Returns it in milliseconds.
     */
    static Map<Variant, Double> uploadMixed(
            List<Variant> variants, List<Path> files, List<String> iTwins, int callers, int shift) throws Exception {
        Map<Variant, List<Long>> nanos = new HashMap<>();
        variants.forEach(variant -> nanos.put(variant, Collections.synchronizedList(new ArrayList<>())));
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            AtomicInteger next = new AtomicInteger();
            List<Future<Object>> callersDone = pool.invokeAll(Collections.nCopies(callers, () -> {
                for (int i; (i = next.getAndIncrement()) < files.size(); ) {
                    Variant variant = variants.get((i + shift) % variants.size());
                    long start = System.nanoTime();
                    variant.upload(iTwins.get(i % iTwins.size()), files.get(i));
                    nanos.get(variant).add(System.nanoTime() - start);
                }
                return null;
            }));
            for (Future<Object> caller : callersDone) {
                caller.get();
            }
        } finally {
            pool.shutdownNow();
        }
        Map<Variant, Double> meanMillis = new HashMap<>();
        nanos.forEach((variant, times) -> meanMillis.put(
                variant, times.stream().mapToLong(Long::longValue).average().orElse(Double.NaN) / 1e6));
        return meanMillis;
    }

    /** {@code calls} getImage calls one after the other on the calling thread. */
    static CallFigures getImage(Variant variant, String iTwinId, int calls) throws Exception {
        long[] latencies = new long[calls];
        ClientCost before = ClientCost.now();
        long threadCpuBefore = ClientCost.currentThreadCpuNanos();
        for (int i = 0; i < calls; i++) {
            long start = System.nanoTime();
            variant.getImage(iTwinId);
            latencies[i] = System.nanoTime() - start;
        }
        long threadCpu = ClientCost.currentThreadCpuNanos() - threadCpuBefore;
        ClientCost after = ClientCost.now();
        Arrays.sort(latencies);
        return new CallFigures(latencies, after.cpuNanosSince(before), threadCpu, after.allocatedSince(before));
    }
}
