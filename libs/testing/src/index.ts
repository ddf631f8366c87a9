// Test support shared by unit and end-to-end tests. Nothing in production imports it (the
// boundary checker's no-test-support-in-production rule), and the build leaves it out of dist
// (test/build-output.e2e-spec.ts). Nest-free on purpose: Jest's runtime cannot load Nest's ESM
// build, so nothing here may import @nestjs/* or a lib entry point that does (lint:boundaries).

// The behaviour every LineageGraph owes, run against each implementation.
export { describeLineageGraphContract, lineageFixture, UNKNOWN_ID } from './lineage-graph.contract';
export type { BuiltFixture, ContractColumns, ContractGraph, LineageFixture, MakeLineageGraph } from './lineage-graph.contract';

// Oracles, arbitraries and replay for the property tests.
export { CteReference } from './cte-reference';
export { lineageArbitrary, nodePairArbitrary, walkQueryArbitrary } from './lineage.arbitrary';
export type { RandomLineage, WalkQuery } from './lineage.arbitrary';
export { expectedExposure, exposureDagArbitrary } from './exposure.arbitrary';
export type { ExpectedExposure, ExposureDag, ExposureDagNode, ExposureOrg } from './exposure.arbitrary';
export { bruteForceEffectiveOwnership, ownershipWebArbitrary } from './ownership.arbitrary';
export type { OwnershipStakeFixture, OwnershipWeb } from './ownership.arbitrary';
export { prng, propertyOptions } from './property';
export type { Random } from './property';

// A real registry in a child process, the CLI against it, and factories for its data (e2e only).
export { ADMIN_TOKEN, startRegistry, waitForReady } from './registry-process';
export type { GqlErrorExtensions, GqlResponse, RegistryProcess } from './registry-process';
export { runCli } from './cli-process';
export type { CliRun } from './cli-process';
export { assertEdge, assertNoErrors, EVIDENCE, newDigest, newModel, newOrganization, tableCounts, uniqueName } from './factories';

// CSV reading, for reports the CLI writes.
export { parseCsv, parseCsvRecords } from './csv';
export { eventually, policyQueueSettled } from './eventually';
export { startWebhookReceiver } from './webhook-receiver';
export type { ReceivedWebhook, WebhookReceiver } from './webhook-receiver';
export { openLiveClient, subscribeLive } from './event-stream-client';
export type { LiveClient, LiveEvents } from './event-stream-client';

// The system Chromium driven by playwright-core, with the checks every web-app page must pass.
export { launchBrowser, openApp, screenshot, seriousAxeViolations, TEST_ARTIFACTS } from './browser';
export type { AppSession, AxeViolation } from './browser';

// Every mutation with the roles that may run it, for the access-control matrix.
export { mutationRoleMatrix, ROLES } from './mutation-role-matrix';
export type { MutationCase, RoleName } from './mutation-role-matrix';

// OMS v1.0 model signatures in the Python reference's format, made in the test.
export { sha256Hex, signModel, testSigningKey } from './model-signer';
export type { SignModelOptions } from './model-signer';
