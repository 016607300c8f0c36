import * as path from 'node:path';
import { dockerExtensionGenerations, dockerHostFor, dockerHostSettings } from '../core/docker/dockerHost';
import { BadInputError } from '../core/errors';
import { configPathFromOption, defaultSshConfigPath } from '../core/ssh/config/paths';
import { ExitCode, type CliStreams } from './output';
import { parseCliArgs } from './parseCliArgs';

/**
 * `docker-host TARGET`: the DOCKER_HOST value and, for each Docker extension generation, the
 * settings that carry it (as they would be written into empty settings).
 */
export async function dockerHostCommand(args: string[], io: CliStreams): Promise<number> {
  const { values, positionals } = parseCliArgs('docker-host', args, {
    config: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (positionals.length !== 1) {
    throw new BadInputError(
      positionals.length === 0 ? 'docker-host needs a TARGET (an ssh config alias or [user@]host[:port]).' : 'docker-host takes one TARGET.',
    );
  }
  const target = positionals[0];
  const configFile = configPathFromOption(values.config);
  const dockerHost = await dockerHostFor(target, configFile);
  const warnings: string[] = [];
  if (!/[@:[]/.test(dockerHost.slice('ssh://'.length)) && path.resolve(configFile) !== defaultSshConfigPath()) {
    // The docker CLI runs plain `ssh`, which reads ~/.ssh/config and never this file.
    warnings.push(
      `docker runs ssh without -F, so it reads ${defaultSshConfigPath()}, not ${configFile}: ` +
        `the alias must be there too, or use ssh://user@host[:port].`,
    );
  }
  const generations = dockerExtensionGenerations.map((info) => ({
    generation: info.generation,
    extensionId: info.extensionId,
    label: info.label,
    settings: dockerHostSettings(info.generation, dockerHost, {}),
  }));
  if (values.json) {
    io.stdout.write(`${JSON.stringify({ target, configFile, dockerHost, generations, warnings }, undefined, 2)}\n`);
    return ExitCode.ok;
  }
  io.stdout.write(`DOCKER_HOST=${dockerHost}\n\nSettings, by the Docker extension you have installed:\n`);
  for (const generation of generations) {
    io.stdout.write(`  ${generation.label} (${generation.extensionId}):\n`);
    for (const setting of generation.settings) {
      io.stdout.write(`    "${setting.key}": ${JSON.stringify(setting.value)}\n`);
    }
  }
  io.stdout.write(`\nIn a terminal: docker context create remote --docker host=${dockerHost} && docker context use remote\n`);
  for (const warning of warnings) {
    io.stderr.write(`Note: ${warning}\n`);
  }
  return ExitCode.ok;
}
