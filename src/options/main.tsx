import { render } from 'preact';
import '../ui/base.css';
import '../ui/controls.css';
import './options.css';
import { App } from './app';

const app = document.getElementById('app');
if (app) render(<App />, app);
