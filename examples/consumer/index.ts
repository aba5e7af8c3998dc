import * as pulumi from "@pulumi/pulumi";
import { readPulseOsOutputs } from "@pulse-os/stack-contract";

const config = new pulumi.Config();
// Checked at run time: a stack of another contract major, or one that breaks the contract,
// stops this program with the reason before anything is deployed.
const pulse = readPulseOsOutputs(new pulumi.StackReference(config.require("producerStack")));

// What a consuming team typically needs: where to send requests and which queue to watch.
export const executionApiUrl = pulse.executionApiUrl;
export const workersNamespace = pulse.workersNamespace;
export const brokerQueue = pulse.brokerQueue;
// Optional outputs are absent, not "": test for undefined.
export const exporterNamespace = pulse.apply((o) => o.exporterNamespace ?? "(exporter disabled)");
// During a blue/green cutover the draining colour still finishes its tasks: watch both.
export const watchedNamespaces = pulse.apply((o) => [o.workersNamespace, ...(o.drainingWorkersNamespace !== undefined ? [o.drainingWorkersNamespace] : [])]);
export const dashboardTitle = pulumi.interpolate`Pulse-OS ${pulse.activeWorkerColor} workers on ${brokerQueue}`;
