package io.tensorgrade.grader.sandbox.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.ExecCreateCmd;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import io.tensorgrade.grader.sandbox.wire.CappedSink;
import io.tensorgrade.grader.sandbox.wire.ExecResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One {@code docker exec} with a wall-clock limit, optional stdin, and stdout/stderr kept up to a cap
 * (or stdout streamed to a file for tar). Testcontainers' own execInContainer has neither a
 * timeout nor stdin, so this goes through the docker-java client it manages.
 */
final class DockerExec {
    private final DockerClient client;
    private final String containerId;

    DockerExec(DockerClient client, String containerId) {
        this.client = client;
        this.containerId = containerId;
    }

    /**
     * Runs {@code cmd} as {@code user}; on timeout calls {@code onTimeout} (which must end the
     * command, e.g. by killing its processes) and reports timedOut.
     */
    ExecResult run(String user, String[] cmd, InputStream stdin, OutputStream stdoutFile, long cap, Duration timeout,
                   Runnable onTimeout) {
        ExecCreateCmd create = client.execCreateCmd(containerId).withUser(user).withCmd(cmd)
                .withAttachStdout(true).withAttachStderr(true).withAttachStdin(stdin != null);
        String execId = create.exec().getId();
        CappedSink out = new CappedSink(cap);
        CappedSink err = new CappedSink(cap);
        Collector collector = new Collector(out, err, stdoutFile);
        var start = client.execStartCmd(execId);
        if (stdin != null) {
            start = start.withStdIn(stdin);
        }
        boolean finished;
        try (Collector c = start.exec(collector)) {
            finished = c.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                onTimeout.run();
                c.awaitCompletion(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            onTimeout.run();
            finished = false;
        } catch (IOException e) {
            finished = true;
        }
        if (finished && collector.failure != null) {
            // After a timeout the stream breaks because its processes were killed: that is expected.
            throw new IllegalStateException("docker exec " + cmd[0] + " failed: " + collector.failure,
                    collector.failure);
        }
        Long code = client.inspectExecCmd(execId).exec().getExitCodeLong();
        return new ExecResult(finished && code != null ? code.intValue() : -1, !finished, out.text(), err.text());
    }

    /** Sorts frames into the sinks; stdout goes to a file when one is given. */
    private static final class Collector extends ResultCallback.Adapter<Frame> {
        private final CappedSink out;
        private final CappedSink err;
        private final OutputStream file;
        private volatile Throwable failure;

        Collector(CappedSink out, CappedSink err, OutputStream file) {
            this.out = out;
            this.err = err;
            this.file = file;
        }

        @Override
        public void onNext(Frame frame) {
            byte[] b = frame.getPayload();
            if (frame.getStreamType() == StreamType.STDERR) {
                err.write(b, 0, b.length);
            } else if (file != null) {
                try {
                    file.write(b);
                } catch (IOException e) {
                    failure = e;
                }
            } else {
                out.write(b, 0, b.length);
            }
        }

        @Override
        public void onError(Throwable t) {
            failure = t;
            super.onError(t);
        }
    }
}
