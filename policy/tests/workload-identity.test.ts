import { workloadIdentityLabel } from "../policies/workload-identity-label";
import { workloadIdentityServiceAccount } from "../policies/workload-identity-service-account";
import { runStackPolicy, unknown } from "./helpers";
import { cronJob, deployment, federatedCredential, serviceAccount } from "./fixtures";

const USE = "azure.workload.identity/use";

describe("workload-identity-label", () => {
  const policy = workloadIdentityLabel;

  it("passes pod templates that carry the label", async () => {
    expect(await runStackPolicy(policy, [serviceAccount(), deployment(), serviceAccount("exporter", "sa-exporter-workloadidentity"), cronJob()])).toEqual([]);
  });

  it("rejects a label put on the workload metadata instead of the pod template", async () => {
    const d = deployment();
    delete d.props.spec.template.metadata.labels[USE];
    d.props.metadata.labels[USE] = "true";
    expect(await runStackPolicy(policy, [serviceAccount(), d])).toEqual([
      {
        message:
          'Deployment apps/api: spec.template.metadata.labels["azure.workload.identity/use"] must be "true" because the pod runs as ServiceAccount apps/sa-apps-workloadidentity, ' +
          "annotated azure.workload.identity/client-id (got unset; metadata.labels of the workload has it, but the webhook only reads the pod's labels)",
        urn: "urn:pulumi:test::pulse-os::kubernetes:apps/v1:Deployment::k8s-api",
      },
    ]);
  });

  it("rejects a wrong label value (CronJob)", async () => {
    const c = cronJob();
    c.props.spec.jobTemplate.spec.template.metadata.labels[USE] = "True";
    const violations = await runStackPolicy(policy, [serviceAccount("exporter", "sa-exporter-workloadidentity"), c]);
    expect(violations.map((v) => v.message)).toEqual([
      'CronJob exporter/datahub-exporter: spec.jobTemplate.spec.template.metadata.labels["azure.workload.identity/use"] must be "true" because the pod runs as ServiceAccount exporter/sa-exporter-workloadidentity, ' +
        'annotated azure.workload.identity/client-id (got "True")',
    ]);
  });

  it("does not require the label when the service account has no client-id, or when things are unknown", async () => {
    const d = deployment();
    delete d.props.spec.template.metadata.labels[USE];
    expect(await runStackPolicy(policy, [serviceAccount("apps", "sa-apps-workloadidentity", "omit"), d])).toEqual([]);
    // client-id value unknown (the identity is created in the same preview): the annotation is there, the label is required.
    expect(await runStackPolicy(policy, [serviceAccount("apps", "sa-apps-workloadidentity", unknown.string), d])).toHaveLength(1);
    const u = deployment();
    u.props.spec.template.metadata.labels = unknown.object;
    expect(await runStackPolicy(policy, [serviceAccount(), u])).toEqual([]);
  });
});

describe("workload-identity-service-account", () => {
  const policy = workloadIdentityServiceAccount;
  const good = () => [serviceAccount(), deployment(), federatedCredential()];

  it("passes matching pods, service accounts and federated credentials", async () => {
    expect(await runStackPolicy(policy, good())).toEqual([]);
  });

  it("rejects a labelled pod whose service account is not in the stack or in another namespace", async () => {
    const d = deployment();
    d.props.spec.template.spec.serviceAccountName = "sa-typo";
    expect((await runStackPolicy(policy, [serviceAccount(), d])).map((v) => v.message)).toEqual([
      "Deployment apps/api: spec.template.spec.serviceAccountName names ServiceAccount apps/sa-typo, which is not in this stack",
    ]);
    expect((await runStackPolicy(policy, [serviceAccount("exporter"), deployment()])).map((v) => v.message)).toEqual([
      "Deployment apps/api: spec.template.spec.serviceAccountName names ServiceAccount apps/sa-apps-workloadidentity, which is not in this stack",
    ]);
  });

  it("rejects a labelled pod without serviceAccountName", async () => {
    const d = deployment();
    delete d.props.spec.template.spec.serviceAccountName;
    expect((await runStackPolicy(policy, [serviceAccount(), d])).map((v) => v.message)).toEqual([
      'Deployment apps/api: spec.template.spec.serviceAccountName must name the workload-identity ServiceAccount (got unset; the pod would run as "default")',
    ]);
  });

  it("rejects a service account without the client-id annotation", async () => {
    expect((await runStackPolicy(policy, [serviceAccount("apps", "sa-apps-workloadidentity", "omit"), deployment()])).map((v) => v.message)).toEqual([
      'Deployment apps/api: spec.template.spec.serviceAccountName names ServiceAccount apps/sa-apps-workloadidentity, which has no metadata.annotations["azure.workload.identity/client-id"]',
    ]);
  });

  it("rejects a federated credential for a missing service account, a malformed subject, or a wrong audience", async () => {
    const violations = await runStackPolicy(policy, [
      serviceAccount(),
      federatedCredential("system:serviceaccount:workers-blue:sa-workers-workloadidentity"),
      federatedCredential("sa-apps-workloadidentity"),
      federatedCredential(undefined, ["api://AzureADTokenExchange", "api://other"]),
    ]);
    expect(violations).toEqual([
      {
        message:
          'FederatedIdentityCredential azure-apps-apps: subject "system:serviceaccount:workers-blue:sa-workers-workloadidentity" names ServiceAccount workers-blue/sa-workers-workloadidentity, which is not in this stack',
        urn: "urn:pulumi:test::pulse-os::azure-native:managedidentity:FederatedIdentityCredential::azure-apps-apps",
      },
      {
        message: 'FederatedIdentityCredential azure-apps-apps: subject must be "system:serviceaccount:<namespace>:<name>" (got "sa-apps-workloadidentity")',
        urn: "urn:pulumi:test::pulse-os::azure-native:managedidentity:FederatedIdentityCredential::azure-apps-apps",
      },
      {
        message:
          'FederatedIdentityCredential azure-apps-apps: audiences must be exactly ["api://AzureADTokenExchange"] (got ["api://AzureADTokenExchange","api://other"])',
        urn: "urn:pulumi:test::pulse-os::azure-native:managedidentity:FederatedIdentityCredential::azure-apps-apps",
      },
    ]);
  });

  it("skips unknown subjects, audiences and service-account names", async () => {
    expect(await runStackPolicy(policy, [serviceAccount(), deployment(), federatedCredential(unknown.string, unknown.array)])).toEqual([]);
    const sa = serviceAccount();
    sa.props.metadata.name = unknown.string;
    expect(await runStackPolicy(policy, [sa, deployment(), federatedCredential()])).toEqual([]);
  });
});
