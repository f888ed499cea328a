export { startWorkers, type StartWorkersOptions, type WorkerLogger, type Workers } from './runner.ts'
