import * as pulumi from "@pulumi/pulumi";
import { PulseOsStack } from "./pulse-os";

const config = new pulumi.Config();
const pulse = new PulseOsStack(config.require("producerStack"));

// What a consuming team typically needs: where to send requests and which queue to watch.
export const executionApiUrl = pulse.output("executionApiUrl");
export const workersNamespace = pulse.output("workersNamespace");
export const brokerQueue = pulse.output("brokerQueue");
export const exporterEnabled = pulse.output("exporterEnabled");
export const dashboardTitle = pulumi.interpolate`Pulse-OS ${pulse.output("activeWorkerColor")} workers on ${brokerQueue}`;
