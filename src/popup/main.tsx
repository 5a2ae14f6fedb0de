import { render } from 'preact';
import '../ui/base.css';
import '../ui/controls.css';
import '../ui/reading.css';
import './popup.css';
import { Popup } from './app';

const app = document.getElementById('app');
if (app) render(<Popup />, app);
