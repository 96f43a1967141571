/**
 * Pure planning for the routing controller ({@code --run-router}), kube-router's NRC rebuilt on Junction's own BGP
 * speaker: {@link dev.junction.router.plan.NodeAnnotations} reads each node's {@code kube-router.io/*} settings,
 * {@link dev.junction.router.plan.PeeringPlan} turns nodes and {@link dev.junction.router.plan.RouterFlags} into
 * the speaker's peers, policies and originated prefixes, {@link dev.junction.router.plan.KernelRoutePlan} turns the
 * best paths into direct and tunnel routes, {@link dev.junction.router.plan.OverlayMac} and
 * {@link dev.junction.router.plan.CniConfig} give the VXLAN MACs and the CNI file. Every function here is
 * deterministic (inputs sorted by name or prefix) so the controller can compare two plans with {@code equals}.
 */
package dev.junction.router.plan;
