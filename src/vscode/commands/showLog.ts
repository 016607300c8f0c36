import { log } from '../log';

export function showLog(): void {
  log().show(true);
}
