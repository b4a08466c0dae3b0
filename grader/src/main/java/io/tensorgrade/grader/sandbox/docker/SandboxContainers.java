package io.tensorgrade.grader.sandbox.docker;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ulimit;
import com.github.dockerjava.api.model.Volume;
import io.tensorgrade.grader.GraderException;
import io.tensorgrade.grader.sandbox.Limits;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Starts and removes sandbox containers. A container runs one job and is then removed; its main
 * process ({@code sleep}) ends by itself after the job's time limit plus a margin, and the
 * container is auto-removed then, so one left behind by a killed JVM goes away on its own.
 */
final class SandboxContainers {
    static final String STUDENT = "10001";
    /** Job, scan and results: a root-owned tmpfs of its own, so student code can neither write nor fill it. */
    static final String ROOT = "/tg";
    /** Where a script job's data folder is mounted, read-only. */
    static final String DATA = "/data";
    /** How long past the job's time limit a container lives (pre-started ones wait in this margin). */
    static final Duration MARGIN = Duration.ofSeconds(180);
    /** Removals happen off the caller's thread: the results are already out by then. */
    private static final ExecutorService REMOVER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "tensorgrade-container-remover");
        t.setDaemon(true);
        return t;
    });

    /** What must run before the pending removals drain at exit (pools removing their spares). */
    private static final List<Runnable> BEFORE_EXIT = new CopyOnWriteArrayList<>();

    /** Every container this JVM started and has not removed yet: removed on abort and at exit (SIGINT, SIGTERM). */
    private static final java.util.Set<GenericContainer<?>> LIVE = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Containers being started now: {@link #removeAll} waits for them, else one would come up after it. */
    private static final java.util.concurrent.atomic.AtomicInteger STARTING = new java.util.concurrent.atomic.AtomicInteger();
    /** Set while {@link #removeAll} runs: a container that finishes starting then is removed at once. */
    private static volatile boolean removing;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(SandboxContainers::drain, "tensorgrade-container-drain"));
    }

    private SandboxContainers() {
    }

    /** A started container of {@code image} with the limits of {@code limits}; never pulls. */
    static GenericContainer<?> start(String image, Limits limits) {
        return start(image, limits, null, false);
    }

    /**
     * A started container as {@link #start(String, Limits)}, with {@code dataDir} (when not null) mounted
     * read-only at {@link #DATA} and, when {@code gpu}, every GPU given to it by a device request (the
     * NVIDIA container runtime must be installed).
     */
    static GenericContainer<?> start(String image, Limits limits, java.nio.file.Path dataDir, boolean gpu) {
        TestcontainersSetup.ensure();
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(image))
                .withImagePullPolicy(name -> false)
                .withCommand("sleep", String.valueOf(limits.jobTimeout().plus(MARGIN).toSeconds()))
                .withNetworkMode("none")
                .withStartupAttempts(1)
                .withStartupTimeout(Duration.ofSeconds(60))
                .withLabel("io.tensorgrade.sandbox", "job")
                .withCreateContainerCmdModifier(cmd -> {
                    restrict(cmd, limits, gpu);
                    if (dataDir != null) {
                        // Set on the create command itself: Testcontainers' withFileSystemBind first probes
                        // whether mounting works by starting a helper image, which offline waits minutes
                        // for a pull that never comes.
                        HostConfig host = cmd.getHostConfig();
                        host.withBinds(new Bind(dataDir.toAbsolutePath().toString(), new Volume(DATA),
                                AccessMode.ro));
                    }
                });
        LIVE.add(container);
        STARTING.incrementAndGet();
        try {
            container.start();
        } catch (RuntimeException e) {
            removeLater(container);  // created but not started: it must not stay behind
            throw new GraderException("the sandbox container (image " + image + ") did not start: "
                    + rootMessage(e) + "; is the image built (tensorgrade sandbox build)?", e);
        } finally {
            STARTING.decrementAndGet();
        }
        if (removing) {
            remove(container);
            throw new GraderException("the run is being stopped: the sandbox container was removed");
        }
        return container;
    }

    private static void restrict(CreateContainerCmd cmd, Limits limits, boolean gpu) {
        long memory = limits.memoryBytes();
        long tg = Math.max(64L << 20, memory / 4);
        HostConfig hc = cmd.getHostConfig();
        hc.withMemory(memory).withMemorySwap(memory)
                .withCpuPeriod(100_000L).withCpuQuota((long) (limits.cpus() * 100_000))
                .withPidsLimit((long) limits.pids())
                .withReadonlyRootfs(true)
                .withTmpFs(Map.of(
                        ROOT, "rw,nosuid,nodev,noexec,size=" + tg + ",mode=0755",
                        "/tmp", "rw,nosuid,nodev,noexec,size=" + limits.scratchBytes() + ",mode=1777",
                        "/work", "rw,nosuid,nodev,size=" + limits.scratchBytes() + ",uid=" + STUDENT
                                + ",gid=" + STUDENT + ",mode=0700"))
                .withCapDrop(Capability.ALL)
                .withCapAdd(Capability.SETUID, Capability.SETGID, Capability.KILL)
                .withSecurityOpts(List.of("no-new-privileges"))
                .withUlimits(List.of(new Ulimit("nofile", (long) limits.openFiles(), (long) limits.openFiles()),
                        new Ulimit("core", 0L, 0L)))
                .withAutoRemove(true);
        if (gpu) {
            hc.withDeviceRequests(List.of(new com.github.dockerjava.api.model.DeviceRequest().withCount(-1)
                    .withCapabilities(List.of(List.of("gpu")))));
        }
        // The container's own user is root with only SETUID, SETGID and KILL: Docker gives execs of a
        // non-root container no capabilities at all, and the runner needs these three to run student
        // code as uid 10001 (which has none) and to kill it. Student code never runs as root.
        cmd.withUser("0:0").withWorkingDir("/work");
    }

    /** Removes the container in the background. */
    static void removeLater(GenericContainer<?> c) {
        if (c == null || c.getContainerId() == null) {
            if (c != null) {
                LIVE.remove(c);
            }
            return;
        }
        Runnable remove = () -> remove(c);
        try {
            REMOVER.execute(remove);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            remove.run();  // the JVM is exiting: remove it now
        }
    }

    /** Force-removes {@code c} now; never throws (it may be gone already: auto-remove). */
    private static void remove(GenericContainer<?> c) {
        try {
            c.getDockerClient().removeContainerCmd(c.getContainerId()).withForce(true).withRemoveVolumes(true).exec();
        } catch (com.github.dockerjava.api.exception.NotFoundException gone) {
            // already gone (auto-remove)
        } catch (RuntimeException e) {
            // At exit Testcontainers may have closed its client already (shutdown hooks run side by side):
            // the docker command line still reaches the daemon.
            removeWithCli(c.getContainerId());
        }
        LIVE.remove(c);
    }

    private static void removeWithCli(String id) {
        try {
            Process p = new ProcessBuilder("docker", "rm", "-f", "-v", id).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(15, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (java.io.IOException e) {
            // no docker command: the container still ends by itself after its time limit
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Removes every container this JVM started and still has, now, including those running a job (whose
     * exec then fails: the job comes back failed, not the student's fault). For a run being cancelled.
     */
    static void removeAll() {
        removing = true;
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (STARTING.get() > 0 && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            removeLive();
        } finally {
            removing = false;
        }
    }

    private static void removeLive() {
        for (GenericContainer<?> c : List.copyOf(LIVE)) {
            if (c.getContainerId() == null) {
                LIVE.remove(c);
            } else {
                remove(c);
            }
        }
    }

    /** Runs {@code action} when the JVM exits, before the pending removals drain. */
    static void beforeExit(Runnable action) {
        BEFORE_EXIT.add(action);
    }

    /** Lets pending removals finish before the JVM exits (bounded: a container also ends by itself). */
    private static void drain() {
        BEFORE_EXIT.forEach(Runnable::run);
        // SIGINT or SIGTERM during a job: its container goes too, not only the spares and finished ones.
        removeAll();
        REMOVER.shutdown();
        try {
            REMOVER.awaitTermination(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
