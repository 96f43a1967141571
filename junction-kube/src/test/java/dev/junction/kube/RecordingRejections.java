package dev.junction.kube;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every report so tests can assert on them; thread-safe, as informer threads call it. */
final class RecordingRejections implements Rejections {
    record Report(String kind, String namespace, String name, String text) {}

    final List<Report> rejected = new CopyOnWriteArrayList<>();
    final List<Report> warned = new CopyOnWriteArrayList<>();
    final List<Report> failed = new CopyOnWriteArrayList<>();

    @Override
    public void rejected(String kind, String namespace, String name, String reason) {
        rejected.add(new Report(kind, namespace, name, reason));
    }

    @Override
    public void warned(String kind, String namespace, String name, String warning) {
        warned.add(new Report(kind, namespace, name, warning));
    }

    @Override
    public void failed(String kind, String namespace, String name, Throwable error) {
        failed.add(new Report(kind, namespace, name, String.valueOf(error)));
    }
}
