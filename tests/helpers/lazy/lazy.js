/**
 * A module that loads its target on first use. The unit tests map two heavy modules that the
 * Pulumi SDK requires eagerly, but that only its function serialization (closures, dynamic
 * providers) ever uses, onto this (jest.config.js `moduleNameMapper`): TypeScript's compiler
 * (9 MB, through `@pulumi/pulumi/typescript-shim`) and `@npmcli/arborist` (with pacote, sigstore,
 * tar...). Jest compiles every module anew in each test file's registry, so they cost more than
 * the whole program; nothing in this project serializes a function, and if anything did, the
 * target would load then and behave as usual.
 */
module.exports = function lazy(load, { esModule = false } = {}) {
  let target;
  const real = () => (target ??= load());
  return new Proxy(
    {},
    {
      // `__importStar` returns an ES module as is instead of enumerating it (which would load it).
      get: (_, key) => (key === "__esModule" && esModule ? true : real()[key]),
      has: (_, key) => key in real(),
      ownKeys: () => Reflect.ownKeys(real()),
      getOwnPropertyDescriptor: (_, key) => {
        const d = Object.getOwnPropertyDescriptor(real(), key);
        return d && { ...d, configurable: true };
      },
    },
  );
};
