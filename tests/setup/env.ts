import 'reflect-metadata';
process.env.NX_DAEMON = 'false';
process.env.NX_NO_CLOUD = 'true';
