// The entry of the simulation worker's bundles (see sim-worker.js).
import { startWorker } from './sim-worker.js';

startWorker();
