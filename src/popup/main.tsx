import { render } from 'preact';
import '../ui/base.css';

function Popup() {
  return (
    <main class="yl-page yl-popup">
      <h1>Yalu Lens</h1>
      <p>Marks mentions of the Korean War, the 1961 Sino-North Korean treaty and the 1979 Sino-Vietnamese War.</p>
    </main>
  );
}

const app = document.getElementById('app');
if (app) render(<Popup />, app);
