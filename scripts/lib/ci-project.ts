import { DefaultProjectAttr, Project } from 'miniprogram-ci';
import { REPO_ROOT } from './paths';

/**
 * A miniprogram-ci project that compiles without WeChat's servers: with a stubbed `attr` and any
 * non-empty key, getCompiledResult / checkCodeQuality run fully offline. Never use it to upload.
 */
export function createOfflineProject(): Project {
  const project = new Project({
    appid: 'touristappid',
    type: 'miniProgram',
    projectPath: REPO_ROOT,
    privateKey: 'offline-compile-needs-no-real-key',
    ignores: ['node_modules/**/*'],
  });
  // Without this, ci asks WeChat for the app's attributes (size limits etc.) and the process dies
  // offline; these defaults are the public limits (2 MB per package).
  project.attr = async () => DefaultProjectAttr;
  return project;
}
