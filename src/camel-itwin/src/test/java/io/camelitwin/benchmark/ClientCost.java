package io.camelitwin.benchmark;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU and allocation of this whole JVM (the client side: the emulator runs in another JVM), summed over every thread,
 * because the HTTP clients do part of the work on their own threads (the JDK client's selector thread, for instance).
 */
record ClientCost(long cpuNanos, Map<Long, Long> allocatedByThread) {

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    static ClientCost now() {
        long[] ids = THREADS.getAllThreadIds();
        long[] allocated = THREADS.getThreadAllocatedBytes(ids);
        Map<Long, Long> byThread = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            if (allocated[i] >= 0) {
                byThread.put(ids[i], allocated[i]);
            }
        }
        return new ClientCost(OS.getProcessCpuTime(), byThread);
    }

    long cpuNanosSince(ClientCost before) {
        return cpuNanos - before.cpuNanos;
    }

    /** Bytes allocated since {@code before} by threads alive now (a thread that ended in between is not counted). */
    long allocatedSince(ClientCost before) {
        long total = 0;
        for (Map.Entry<Long, Long> thread : allocatedByThread.entrySet()) {
            total += thread.getValue() - before.allocatedByThread.getOrDefault(thread.getKey(), 0L);
        }
        return total;
    }

    static long currentThreadCpuNanos() {
        return THREADS.getCurrentThreadCpuTime();
    }
}
