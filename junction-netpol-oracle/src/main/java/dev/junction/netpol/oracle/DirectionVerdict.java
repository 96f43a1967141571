package dev.junction.netpol.oracle;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The judgement of one direction of a flow: the egress of its source or the ingress of its destination.
 *
 * @param direction which side this is
 * @param subject the end being judged ({@code demo/web}, {@code node}, an address)
 * @param outcome what the judgement is
 * @param reason for outcomes other than {@link Outcome#ALLOWED} and {@link Outcome#DENIED}, why (for example
 *     {@code no policy selects this pod for ingress: open}); empty otherwise
 * @param policies for {@code ALLOWED} and {@code DENIED}, every valid policy selecting the subject for this
 *     direction, sorted by namespace/name; empty otherwise
 */
public record DirectionVerdict(Direction direction, String subject, Outcome outcome, String reason,
                               List<PolicyEvaluation> policies) {

    /** What a direction's judgement is. */
    public enum Outcome {
        /** Not policed: not a pod, a host-network pod, or a pod no policy selects for this direction. */
        OPEN(true),
        /** Allowed whatever the policies say: traffic from the local node, or a pod to itself. */
        EXEMPT(true),
        /** Policies select the pod and at least one rule of one of them matches. */
        ALLOWED(true),
        /** Policies select the pod and none of their rules matches. */
        DENIED(false),
        /** This end has no usable address: a pod without an IP yet, or no address of the flow's family. */
        UNREACHABLE(false),
        /** Skipped because the other end is unreachable. */
        NOT_EVALUATED(true);

        private final boolean allows;

        Outcome(boolean allows) {
            this.allows = allows;
        }

        public boolean allows() {
            return allows;
        }
    }

    public DirectionVerdict {
        policies = List.copyOf(policies);
    }

    static DirectionVerdict of(Direction direction, String subject, Outcome outcome, String reason) {
        return new DirectionVerdict(direction, subject, outcome, reason, List.of());
    }

    public boolean allows() {
        return outcome.allows();
    }

    /**
     * One line: {@code egress of demo/client: allowed by demo/allow-egress rule 0 (to: podSelector app=web; port
     * 80/TCP)}, {@code ingress of demo/web: denied — selected by demo/default-deny (no rule matches)}, {@code ingress
     * of demo/web: no policy selects this pod for ingress: open}.
     */
    public String headline() {
        String start = direction.field() + " of " + subject + ": ";
        return switch (outcome) {
            case ALLOWED -> {
                PolicyEvaluation first = policies.stream().filter(p -> p.match().isPresent()).findFirst().orElseThrow();
                yield start + "allowed by " + first.policy() + " " + first.match().get().describe(direction);
            }
            case DENIED -> start + "denied — selected by "
                    + policies.stream().map(PolicyEvaluation::policy).collect(Collectors.joining(", "))
                    + " (no rule matches)";
            default -> start + reason;
        };
    }

    /** The headline, then one indented line per selecting policy. */
    public List<String> explain() {
        var lines = new java.util.ArrayList<String>();
        lines.add(headline());
        policies.forEach(p -> lines.add("  " + p.describe(direction)));
        return List.copyOf(lines);
    }
}
