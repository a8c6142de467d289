// Only at `pnpm pack` / `pnpm publish`: a published manifest keeps what installing it needs. Dev dependencies
// (private @hoist/* packages among them, already compiled into dist/) and the repo's scripts mean nothing there.
module.exports = {
  hooks: {
    beforePacking(pkg) {
      delete pkg.devDependencies;
      delete pkg.scripts;
      return pkg;
    },
  },
};
