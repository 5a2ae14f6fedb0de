import { render } from 'preact';
import '../ui/base.css';

function Options() {
  return (
    <main class="yl-page yl-options">
      <h1>Yalu Lens options</h1>
    </main>
  );
}

const app = document.getElementById('app');
if (app) render(<Options />, app);
