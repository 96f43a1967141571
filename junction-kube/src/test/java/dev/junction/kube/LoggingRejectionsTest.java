package dev.junction.kube;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class LoggingRejectionsTest {
    @Test
    void countsEveryReportPerKind() {
        var r = new LoggingRejections();
        r.rejected(Rejections.SERVICE, "default", "web", "spec.type: \"Magic\" is not ClusterIP");
        r.rejected(Rejections.SERVICE, "default", "db", "spec is missing");
        r.warned(Rejections.ENDPOINT_SLICE, "default", "web-abc", "endpoints[0].addresses: empty; endpoint dropped");
        r.failed(Rejections.NODE, "", "me", new IllegalStateException("bug"));
        assertThat(r.rejectedCount(Rejections.SERVICE)).isEqualTo(2);
        assertThat(r.rejectedCount(Rejections.NODE)).isZero();
        assertThat(r.warnedCount(Rejections.ENDPOINT_SLICE)).isEqualTo(1);
        assertThat(r.failedCount(Rejections.NODE)).isEqualTo(1);
    }
}
